// `custom-elements-manifest analyze` reads this: Lit-aware analysis of the element sources.
export default {
  globs: ['packages/*/src/**/*.ts'],
  exclude: ['**/*.test.ts', '**/*.stories.ts', '**/test-*.ts', '**/define.ts', '**/index.ts'],
  outdir: '.',
  litelement: true,
};
