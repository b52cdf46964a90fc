import { expect } from '@open-wc/testing';
import { toRichDoc } from './document.js';
import { imagesOf } from './images-of.js';
import { plainTextOf } from './plain-text.js';

const p = (...content: unknown[]) => ({ type: 'paragraph', content });
const image = (attachmentId: unknown, alt: unknown = 'a.png', extra: Record<string, unknown> = {}) => ({
  type: 'image',
  attrs: { attachmentId, alt, ...extra },
});

describe('inline images in the contract (issue 20 #9)', () => {
  it('imagesOf finds each attachment id once, in order, also in lists', () => {
    const doc = {
      type: 'doc',
      content: [
        p(image('b'), { type: 'text', text: 'x' }, image('a')),
        { type: 'bulletList', content: [{ type: 'listItem', content: [p(image('b'), image('c'))] }] },
      ],
    };
    expect(imagesOf(doc)).to.deep.equal(['b', 'a', 'c']);
    expect(imagesOf({ type: 'paragraph' })).to.deep.equal([]);
  });

  it('toRichDoc keeps the id and alt text and drops a src, a title, sizes and ids that could be URLs', () => {
    const doc = toRichDoc({
      type: 'doc',
      content: [
        p(
          image('att-1', null, { src: 'blob:http://x/1', title: 't', width: 10 }),
          image('https://tracker.example/p.gif'),
          image('javascript:alert(1)'),
          { type: 'image', attrs: { src: 'https://tracker.example/p.gif' } },
        ),
      ],
    } as never);
    expect(doc).to.deep.equal({ type: 'doc', content: [p(image('att-1', ''))] });
  });

  it('plain text shows an image as its alt text in brackets, nothing without one', () => {
    expect(
      plainTextOf({ type: 'doc', content: [p({ type: 'text', text: 'See ' }, image('x', '图表'), image('y', ''))] }),
    ).to.equal('See [图表]');
  });
});
