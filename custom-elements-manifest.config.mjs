// `custom-elements-manifest analyze` reads this: Lit-aware analysis of the element sources.

/** JSDoc tags the analyzer reads one to a line, and where each goes in a declaration of the manifest. */
const LISTS = {
  csspart: 'cssParts',
  part: 'cssParts',
  slot: 'slots',
  cssproperty: 'cssProperties',
  cssprop: 'cssProperties',
};
/** `@csspart name - description`; the description ends at the line's end or at the next tag. */
const TAG = new RegExp(
  String.raw`@(csspart|part|slot|cssproperty|cssprop)\s+(?:\{[^}]*\}\s+)?(\[?[\w-]*\]?)` +
    String.raw`(?:\s+-\s+((?:(?!\s@\w)[^\n])*))?`,
  'g',
);

/**
 * The analyzer (comment-parser) takes a JSDoc tag to run to the end of its line, so `@csspart view - A view link.
 * @csspart tag-link - A tag of the tree.` gave one part, `view`, with the second swallowed into its description
 * (issue 16: `herald-inbox` lost `tag-link`, `search`, `chip`, `row`). This reads every such tag wherever it stands
 * and puts each in the manifest with its own description.
 */
function everyTagOnALine() {
  return {
    name: 'herald-every-tag-on-a-line',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const declaration = moduleDoc.declarations?.find((d) => d.name === node.name.getText());
      if (!declaration) return;
      const text = (node.jsDoc ?? []).map((doc) => doc.getText().replace(/^\s*\/?\*+\/?/gm, '')).join('\n');
      for (const [, kind, rawName, rawDescription] of text.matchAll(TAG)) {
        const name = rawName.replace(/^\[|\]$/g, '');
        const description = (rawDescription ?? '').trim();
        const list = (declaration[LISTS[kind]] ??= []);
        const known = list.find((entry) => entry.name === name);
        // Only a description that swallowed the next tag is cut; one continued on the next line stays whole.
        if (known && /\s@\w/.test(known.description ?? '')) known.description = description;
        else if (known) continue;
        else list.push(description ? { name, description } : { name });
      }
    },
  };
}

export default {
  globs: ['packages/*/src/**/*.ts'],
  exclude: ['**/*.test.ts', '**/*.stories.ts', '**/test-*.ts', '**/testing/**', '**/define.ts', '**/index.ts'],
  outdir: '.',
  litelement: true,
  plugins: [everyTagOnALine()],
};
