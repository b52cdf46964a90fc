// Issue 16 item 6: no widget imports another widget's internals. The widget packages (inbox, composer, approval
// queue, member admin) share code only through the foundations (core, client, rich-text, rich-text-editor); only
// @herald/elements (packages/herald) brings them together. Read from the sources and each package.json, so a new
// deep import (as `@herald/inbox/rich-input` was) fails here before it ships.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT } from './support.js';

const WIDGETS = ['inbox', 'composer', 'approval-queue', 'member-admin'];
const FOUNDATIONS = ['core', 'client', 'rich-text', 'rich-text-editor'];

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
const IMPORT = /(?:from\s+|import\s*\(?\s*)['"](@herald\/[\w-]+)[^'"]*['"]/g;
const importsOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(IMPORT)].map((m) => m[1]!);

test('issue 16: a widget package imports no other widget package, in its sources or its dependencies', () => {
  for (const widget of WIDGETS) {
    const dir = join(ROOT, 'packages', widget);
    const own = `@herald/${widget}`;
    const others = WIDGETS.filter((w) => w !== widget).map((w) => `@herald/${w}`);
    const deps = Object.keys(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).dependencies ?? {});
    assert.deepEqual(
      deps.filter((d) => others.includes(d)),
      [],
      `${own} depends on another widget`,
    );
    for (const file of sources(join(dir, 'src'))) {
      const bad = importsOf(file).filter((spec) => others.includes(spec));
      assert.deepEqual(bad, [], `${file.slice(ROOT.length)} imports another widget`);
    }
  }
});

test('issue 16: the foundations import no widget package', () => {
  for (const foundation of FOUNDATIONS) {
    for (const file of sources(join(ROOT, 'packages', foundation, 'src'))) {
      const bad = importsOf(file).filter((spec) => WIDGETS.some((w) => spec === `@herald/${w}`));
      assert.deepEqual(bad, [], `${file.slice(ROOT.length)} imports a widget`);
    }
  }
});

test('issue 16: @herald/rich-text stays pure TypeScript (no DOM element code, no Lit, no node: modules)', () => {
  for (const file of sources(join(ROOT, 'packages', 'rich-text', 'src')).filter((f) => !f.endsWith('.test.ts'))) {
    const text = readFileSync(file, 'utf8');
    const name = file.slice(ROOT.length);
    assert.doesNotMatch(text, /from\s+['"](lit|@lit\/[\w-]+|node:[\w/]+)['"]/, `${name} imports Lit or Node`);
    assert.doesNotMatch(text, /\bdocument\.[a-z]+\(|\bwindow\.|customElements|HTMLElement/, `${name} uses the DOM`);
  }
});
