import { expect } from '@open-wc/testing';
import { plainTextOf, previewOf } from './plain-text.js';

const p = (...content: unknown[]) => ({ type: 'paragraph', content });
const t = (text: string, marks?: unknown[]) => (marks ? { type: 'text', text, marks } : { type: 'text', text });
const link = (href: string, text = 'link') => t(text, [{ type: 'link', attrs: { href } }]);
const doc = (...content: unknown[]) => ({ type: 'doc', content });

describe('plainTextOf', () => {
  // One text for search, e-mail, SMS (server) and summaries, the urgent alert's excerpt (elements): issue 16.
  it("follows the server's rules", () => {
    expect(
      plainTextOf(
        doc(
          p(
            t('Hello '),
            { type: 'mention', attrs: { id: 'm1', label: 'Li Lei' } },
            t(','),
            { type: 'hardBreak' },
            t('see below'),
          ),
          {
            type: 'bulletList',
            content: [
              { type: 'listItem', content: [p(t('one'))] },
              {
                type: 'listItem',
                content: [
                  p(t('two')),
                  {
                    type: 'orderedList',
                    attrs: { start: 3 },
                    content: [
                      { type: 'listItem', content: [p(t('three'))] },
                      { type: 'listItem', content: [p(t('four')), p(t('more'))] },
                    ],
                  },
                ],
              },
            ],
          },
          { type: 'orderedList', content: [{ type: 'listItem', content: [p(t('first'))] }] },
          { type: 'paragraph' },
          p(link('https://example.com', 'site')),
        ),
      ),
    ).to.equal('Hello @Li Lei,\nsee below\n• one\n• two\n  3. three\n  4. four\n  more\n1. first\n\nsite');
    expect(plainTextOf(null)).to.equal('');
    expect(plainTextOf({ type: 'doc', content: [{ type: 'paragraph' }] })).to.equal('');
  });

  it('a hostile nesting depth does not throw', () => {
    let block: unknown = p(t('deep'));
    for (let i = 0; i < 10_000; i++) block = { type: 'bulletList', content: [{ type: 'listItem', content: [block] }] };
    expect(() => plainTextOf(doc(block))).to.not.throw();
  });
});

describe('previewOf', () => {
  // Issue 20 #5: the list's preview line, one rule for the server's stored column and the elements.
  it('puts the text on one line and cuts it with an ellipsis', () => {
    expect(previewOf('  Hello\n\n  world\t!  ')).to.equal('Hello world !');
    const long = `${'字'.repeat(119)} ${'x'.repeat(50)}`;
    expect(previewOf(long)).to.equal(`${'字'.repeat(119)}…`);
    expect(previewOf('a'.repeat(120))).to.equal('a'.repeat(120));
    expect(previewOf('')).to.equal('');
  });
});
