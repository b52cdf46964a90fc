// Issue 16 item 4: the Custom Elements Manifest (what the package ships, what the React/Vue typings and Storybook's
// docs are made from) lists every part an element's shadow DOM really has. Each element's parts are read from the
// sources that render into it: its module, its superclasses' modules and what they import by relative path, up to
// a module that defines another element (its parts are that element's).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { before, test } from 'node:test';
import { ROOT } from './support.js';

type Declaration = {
  name: string; tagName?: string; cssParts?: Array<{ name: string }>; superclass?: { name: string; module?: string };
};
let elements: Array<{ module: string; declaration: Declaration }>;
let byClass: Map<string, { module: string; declaration: Declaration }>;

before(() => {
  const analyzer = join(ROOT, 'node_modules/.bin/custom-elements-manifest');
  const run = spawnSync(analyzer, ['analyze'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const manifest = JSON.parse(readFileSync(join(ROOT, 'custom-elements.json'), 'utf8')) as {
    modules: Array<{ path: string; declarations?: Declaration[] }>;
  };
  const all = manifest.modules
    .flatMap((m) => (m.declarations ?? []).map((declaration) => ({ module: m.path, declaration })));
  elements = all.filter((e) => e.declaration.tagName);
  byClass = new Map(all.map((e) => [e.declaration.name, e]));
});

const RELATIVE_IMPORT = /^(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?'(\.{1,2}\/[^']+)\.js'/gm;
const PART = /\bpart="([^"]*)"/g;

/** The static `part` names written in the files that render into the element defined in `start`. */
function partsInSources(start: string, elementModules: Set<string>): Map<string, string> {
  const found = new Map<string, string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !existsSync(join(ROOT, file))) return;
    seen.add(file);
    const source = readFileSync(join(ROOT, file), 'utf8');
    for (const [, value] of source.matchAll(PART)) {
      for (const name of value!.split('${')[0]!.split(/\s+/).filter(Boolean)) found.set(name, file);
    }
    for (const [, spec] of source.matchAll(RELATIVE_IMPORT)) {
      const next = normalize(join(dirname(file), `${spec}.ts`));
      if (!elementModules.has(next)) visit(next);
    }
  };
  visit(start);
  return found;
}

test('issue 16: every part="…" in an element\'s sources is in custom-elements.json, several to a line too', () => {
  const elementModules = new Set(elements.map((e) => e.module));
  const missing: string[] = [];
  for (const { module, declaration } of elements) {
    const listed = new Set((declaration.cssParts ?? []).map((p) => p.name));
    const sources = partsInSources(module, elementModules);
    // The base classes render the frame (a panel's header, body, problem …) into the element too.
    const superclassOf = (d: Declaration) => byClass.get(d.superclass?.name ?? '');
    for (let up = superclassOf(declaration); up; up = superclassOf(up.declaration)) {
      for (const [name, file] of partsInSources(up.module, elementModules)) sources.set(name, file);
    }
    for (const [name, file] of sources) {
      if (!listed.has(name)) missing.push(`${declaration.tagName}: ${name} (${file})`);
    }
  }
  assert.deepEqual(missing, [], 'parts rendered but missing from the manifest (add @csspart to the class JSDoc)');
});

test('issue 16: herald-inbox lists the parts written several to a line', () => {
  const inbox = elements.find((e) => e.declaration.tagName === 'herald-inbox')!;
  const parts = new Set(inbox.declaration.cssParts!.map((p) => p.name));
  for (const name of ['view', 'tag-link', 'toolbar', 'search', 'chip', 'list', 'row']) assert.ok(parts.has(name), name);
});
