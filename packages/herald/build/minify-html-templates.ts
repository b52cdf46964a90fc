// Lit's html`…` and svg`…` templates are strings to a JavaScript minifier, so the line breaks and indentation between
// their tags ship (issue 16: lines are broken to 120 columns in the sources). HTML renders any run of white space
// outside preformatted text as one space, so this plugin turns every run that holds a line break into one space: not
// inside a quoted attribute value (a title would keep its line break), not inside <pre>, <textarea>, <script> or
// <style>, never in the ${…} expressions (templates nested in them are rewritten on their own).
import ts from 'typescript';
import type { Plugin } from 'vite';

const RAW_TEXT = /^(pre|textarea|script|style)$/i;

/** Collapses the static parts of one template, carrying where the parser is (text, tag, quote) across them. */
function collapseParts(parts: string[]): string[] {
  let state: 'text' | 'tag' | '"' | "'" = 'text';
  let raw: string | null = null; // inside a raw-text element: its name
  let opening: string | null = null; // the raw-text element whose start tag is being read
  return parts.map((part) => {
    let out = '';
    let i = 0;
    while (i < part.length) {
      const c = part[i]!;
      if (raw !== null) {
        const close = part.toLowerCase().indexOf(`</${raw}`, i);
        if (close < 0) return out + part.slice(i);
        out += part.slice(i, close);
        i = close;
        raw = null;
        continue;
      }
      if (state === '"' || state === "'") {
        if (c === state) state = 'tag';
        out += c;
        i++;
        continue;
      }
      if (/\s/.test(c)) {
        let j = i;
        while (j < part.length && /\s/.test(part[j]!)) j++;
        const run = part.slice(i, j);
        out += run.includes('\n') ? ' ' : run;
        i = j;
        continue;
      }
      if (state === 'text' && c === '<' && /[a-zA-Z/]/.test(part[i + 1] ?? '')) {
        const name = /^<([a-zA-Z][\w-]*)/.exec(part.slice(i))?.[1];
        state = 'tag';
        out += c;
        i++;
        opening = name && RAW_TEXT.test(name) ? name.toLowerCase() : null;
        continue;
      }
      if (state === 'tag' && (c === '"' || c === "'")) state = c;
      else if (state === 'tag' && c === '>') {
        state = 'text';
        raw = opening;
        opening = null;
        out += c;
        i++;
        continue;
      }
      out += c;
      i++;
    }
    return out;
  });
}

/** Rewrites every html`…`/svg`…` template in `code` (TypeScript or JavaScript source). */
export function minifyHtmlTemplates(code: string, fileName = 'module.ts'): string {
  if (!/\b(html|svg)`/.test(code)) return code;
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const edits: { start: number; end: number; text: string }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && /^(html|svg)$/.test(node.tag.text)) {
      const t = node.template;
      // The static parts between the backtick, `${` and `}` (their raw text, escapes as written).
      const spans: [number, number][] = ts.isNoSubstitutionTemplateLiteral(t)
        ? [[t.getStart(source) + 1, t.end - 1]]
        : [
            [t.head.getStart(source) + 1, t.head.end - 2],
            ...t.templateSpans.map(({ literal: l }): [number, number] => [
              l.getStart(source) + 1,
              l.end - (ts.isTemplateTail(l) ? 1 : 2),
            ]),
          ];
      const collapsed = collapseParts(spans.map(([s, e]) => code.slice(s, e)));
      spans.forEach(([start, end], k) => edits.push({ start, end, text: collapsed[k]! }));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  let out = code;
  for (const { start, end, text } of edits.sort((a, b) => b.start - a.start)) {
    out = out.slice(0, start) + text + out.slice(end);
  }
  return out;
}

export function minifyLitHtml(): Plugin {
  return {
    name: 'herald-minify-lit-html',
    enforce: 'pre',
    transform(code, id) {
      if (!/\/packages\/[\w-]+\/src\/.*\.ts$/.test(id) || !/\b(html|svg)`/.test(code)) return null;
      return { code: minifyHtmlTemplates(code, id), map: null };
    },
  };
}
