// Issue 16 (size budgets): the build collapses the line breaks of Lit's html`…`/svg`…` templates
// (packages/herald/build/minify-html-templates.ts). What the page renders must not change: text outside
// preformatted elements keeps one space where it had a line break, quoted attribute values, <pre> and <textarea>
// keep theirs, and neither expressions nor other template literals are touched.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { minifyHtmlTemplates } from '../packages/herald/build/minify-html-templates.js';

test('issue 16: a line break and its indentation between tags and attributes become one space', () => {
  const src = 'html`<div\n    class="a"\n    part="b"\n  >\n    <span>x</span>\n    <span>y</span>\n  </div>`';
  assert.equal(minifyHtmlTemplates(src), 'html`<div class="a" part="b" > <span>x</span> <span>y</span> </div>`');
  assert.equal(minifyHtmlTemplates('svg`<svg\n  viewBox="0 0 1 1">\n</svg>`'), 'svg`<svg viewBox="0 0 1 1"> </svg>`');
});

test('issue 16: quoted values, <pre> and <textarea> keep their line breaks; spaces on one line stay', () => {
  const src =
    'html`<p title="a\n  b" data-x=\'c\n d\'>one  two\n  three</p><pre>\n  k\n</pre><textarea>\n x</textarea>`';
  assert.equal(
    minifyHtmlTemplates(src),
    'html`<p title="a\n  b" data-x=\'c\n d\'>one  two three</p><pre>\n  k\n</pre><textarea>\n x</textarea>`',
  );
});

test('issue 16: expressions are left alone, templates nested in them are collapsed, other literals are not', () => {
  const src =
    'const a = html`<p>\n  ${x ? html`<b>\n  </b>` : `keep\n  this`}\n  <i title="${t}\n  !">\n</i></p>`;\n' +
    'const c = css`a {\n}`;';
  assert.equal(
    minifyHtmlTemplates(src),
    'const a = html`<p> ${x ? html`<b> </b>` : `keep\n  this`} <i title="${t}\n  !"> </i></p>`;\n' +
      'const c = css`a {\n}`;',
  );
});
