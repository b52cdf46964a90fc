// Issue 16: each package keeps its own catalogues; one test per package checks that its locales agree (for tests only).
import { expect } from '@open-wc/testing';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** Mocha tests that `zhCN` has exactly the keys of `en`, the same `{placeholders}` per key, and no empty text. */
export function describeCatalogue(
  name: string,
  en: Readonly<Record<string, string>>,
  zhCN: Readonly<Record<string, string>>,
): void {
  describe(`the ${name} catalogue (issue 16: per package)`, () => {
    it('zh-CN has exactly the keys of en', () => {
      expect(Object.keys(zhCN).sort()).to.deep.equal(Object.keys(en).sort());
    });

    it('zh-CN uses the same {placeholders} as en for every key, and no text is empty', () => {
      for (const key of Object.keys(en)) {
        expect(placeholders(zhCN[key] ?? ''), key).to.deep.equal(placeholders(en[key]!));
        expect(en[key], key).to.not.equal('');
        expect(zhCN[key], key).to.not.equal('');
      }
    });
  });
}
