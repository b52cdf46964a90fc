// Lit's css`…` templates are strings to a JavaScript minifier, so their indentation and comments ship as they are
// (9.5 % of the bundle, FINDINGS "Widget weight"). This plugin removes comments and collapses the whitespace inside
// them — only in the CSS text, never in the ${…} expressions — before the bundler sees the module.
import type { Plugin } from 'vite';

/** Minifies the static CSS text of one template's raw source (between the backticks). */
export function minifyCssText(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/;}/g, '}')
    .trim();
}

/** Rewrites every css`…` template in `code`, leaving its ${…} expressions untouched. */
export function minifyCssTemplates(code: string): string {
  let out = '';
  let i = 0;
  for (;;) {
    const start = code.indexOf('css`', i);
    if (start < 0) return out + code.slice(i);
    // Only a tag in expression position (`= css\``, `[css\``, `(css\``, `, css\``, `return css\``): not the end of
    // another identifier, not a mention in a comment.
    if (!/(?:[=([,:]|\breturn)\s*$/.test(code.slice(Math.max(0, start - 20), start))) {
      out += code.slice(i, start + 4);
      i = start + 4;
      continue;
    }
    out += code.slice(i, start + 4);
    let j = start + 4;
    let text = '';
    const flush = () => {
      // Whitespace next to an expression may separate it from a selector or value: keep one space there.
      const lead = /^\s/.test(text) && out.endsWith('}') ? ' ' : '';
      const trail = /\s$/.test(text) && code.startsWith('${', j) ? ' ' : '';
      out += lead + minifyCssText(text) + trail;
      text = '';
    };
    while (j < code.length && code[j] !== '`') {
      if (code[j] === '\\') {
        text += code.slice(j, j + 2);
        j += 2;
      } else if (code.startsWith('${', j)) {
        flush();
        let depth = 0;
        const exprStart = j;
        do {
          if (code[j] === '{') depth++;
          else if (code[j] === '}') depth--;
          j++;
        } while (depth > 0 && j < code.length);
        out += code.slice(exprStart, j);
      } else {
        text += code[j++];
      }
    }
    flush();
    out += '`';
    i = j + 1;
  }
}

export function minifyLitCss(): Plugin {
  return {
    name: 'herald-minify-lit-css',
    enforce: 'pre',
    transform(code, id) {
      if (!/\/packages\/[\w-]+\/src\/.*\.ts$/.test(id) || !code.includes('css`')) return null;
      return { code: minifyCssTemplates(code), map: null };
    },
  };
}
