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
  name: string;
  tagName?: string;
  cssParts?: Array<{ name: string }>;
  superclass?: { name: string; module?: string };
  events?: Array<{ name: string; type?: { text: string } }>;
};
let elements: Array<{ module: string; declaration: Declaration }>;
let byClass: Map<string, { module: string; declaration: Declaration }>;
let eventModules: string[];

before(() => {
  const analyzer = join(ROOT, 'node_modules/.bin/custom-elements-manifest');
  const run = spawnSync(analyzer, ['analyze'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const manifest = JSON.parse(readFileSync(join(ROOT, 'custom-elements.json'), 'utf8')) as {
    modules: Array<{ path: string; declarations?: Declaration[] }>;
  };
  const all = manifest.modules.flatMap((m) =>
    (m.declarations ?? []).map((declaration) => ({ module: m.path, declaration })),
  );
  elements = all.filter((e) => e.declaration.tagName);
  byClass = new Map(all.map((e) => [e.declaration.name, e]));
  // The event classes: the manifest's modules under src/events/ (an index only re-exports them).
  eventModules = manifest.modules
    .map((m) => m.path)
    .filter((p) => /\/src\/events\/(?!index\.ts$)[\w-]+\.ts$/.test(p))
    .filter((p) => !p.endsWith('/admin-events.ts'));
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

/** `'herald-x': HeraldXEvent` pairs an event file declares in GlobalEventHandlersEventMap. */
const EVENT_MAP_ENTRY = /'(herald-[a-z-]+)':\s*(Herald\w+Event)\b/g;

test('issue 16: every event an element lists is one class in its own events/<name>.ts, one name per class', () => {
  const files = new Map<string, string>(); // event name → the file declaring it
  const classOf = new Map<string, string>();
  for (const module of eventModules) {
    const source = readFileSync(join(ROOT, module), 'utf8');
    const entries = [...source.matchAll(EVENT_MAP_ENTRY)];
    assert.equal(entries.length, 1, `${module} declares one event`);
    const [, name, className] = entries[0]!;
    assert.ok(!files.has(name!), `${name} is declared by ${files.get(name!)} and ${module}`);
    const file = `${name!.replace(/^herald-/, '')}.ts`;
    assert.equal(module.split('/').at(-1), file, `${name} lives in a file of its name`);
    files.set(name!, module);
    classOf.set(name!, className!);
  }
  const wrong: string[] = [];
  for (const { declaration } of elements) {
    for (const { name, type } of declaration.events ?? []) {
      if (!files.has(name)) wrong.push(`${declaration.tagName}: ${name} has no events/ file`);
      else if (type?.text !== classOf.get(name)) {
        wrong.push(`${declaration.tagName}: ${name} is typed ${type?.text}, not ${classOf.get(name)}`);
      }
    }
  }
  assert.deepEqual(wrong, [], 'write `@fires {HeraldXEvent} herald-x - …` on the element');
});

test('issue 16: the cancelable requests are listed under their own names (no shared herald-request-delete)', () => {
  const events = (tag: string) =>
    new Set((elements.find((e) => e.declaration.tagName === tag)!.declaration.events ?? []).map((e) => e.name));
  assert.ok(events('herald-inbox').has('herald-mailbox-delete-request'));
  assert.ok(events('herald-inbox').has('herald-tag-delete-request'));
  assert.ok(events('herald-message-view').has('herald-message-recall-request'));
  assert.ok(events('herald-message-view').has('herald-message-delete-request'));
  assert.ok(events('herald-approval-queue').has('herald-flow-delete-request'));
  assert.ok(events('herald-member-admin').has('herald-role-delete-request'));
  for (const { declaration } of elements) {
    for (const name of events(declaration.tagName!)) assert.ok(!name.startsWith('herald-request-'), name);
  }
});
