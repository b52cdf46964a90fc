import { expect } from '@open-wc/testing';
import { mentionsOf } from './mentions.js';

const mention = (id: string, label: string) => ({ type: 'mention', attrs: { id, label } });
const p = (...content: unknown[]) => ({ type: 'paragraph', content });

describe('mentionsOf (issue 19 #3)', () => {
  it('finds mentions in paragraphs and nested lists, each once, in order', () => {
    const doc = {
      type: 'doc',
      content: [
        p({ type: 'text', text: 'Hi ' }, mention('b', 'Bo'), mention('a', 'An')),
        { type: 'bulletList', content: [{ type: 'listItem', content: [p(mention('b', 'Bo'), mention('c', 'Cy'))] }] },
      ],
    };
    expect(mentionsOf(doc)).to.deep.equal([
      { id: 'b', label: 'Bo' },
      { id: 'a', label: 'An' },
      { id: 'c', label: 'Cy' },
    ]);
  });

  it('answers nothing for what is not a document or has no mention', () => {
    expect(mentionsOf(null)).to.deep.equal([]);
    expect(mentionsOf(p(mention('a', 'An')))).to.deep.equal([]);
    expect(mentionsOf({ type: 'doc', content: [{ type: 'paragraph' }] })).to.deep.equal([]);
  });
});
