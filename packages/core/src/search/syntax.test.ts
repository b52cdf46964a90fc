// Issue 20 #8: the search syntax's tokenizer, shared by the server (GET /mailbox q) and the inbox's suggestions.
import { expect } from '@open-wc/testing';
import { parseDay, searchSyntaxErrors, searchTokens } from './syntax.js';

const brief = (q: string) => searchTokens(q).map((t) => [t.op, t.value]);

describe('@herald/core search syntax (issue 20 #8)', () => {
  it('reads operators, quoted values and phrases; the rest is text', () => {
    expect(brief('from:张三 周报')).to.deep.equal([
      ['from', '张三'],
      [null, '周报'],
    ]);
    expect(brief('from:"Li Lei" "weekly report"  has:attachment')).to.deep.equal([
      ['from', 'Li Lei'],
      [null, 'weekly report'],
      ['has', 'attachment'],
    ]);
    expect(brief('TO:销售部 Tag:项目 IS:unread before:2026-12-01 after:2026/1/2')).to.deep.equal([
      ['to', '销售部'],
      ['tag', '项目'],
      ['is', 'unread'],
      ['before', '2026-12-01'],
      ['after', '2026/1/2'],
    ]);
  });

  it('searches unknown operators, URLs and times as plain text, whole', () => {
    expect(brief('subject:budget http://intranet/x 12:30')).to.deep.equal([
      [null, 'subject:budget'],
      [null, 'http://intranet/x'],
      [null, '12:30'],
    ]);
  });

  it('keeps an operator still being typed (empty value) and an unclosed quote; marks where each word is', () => {
    expect(brief('from: report')).to.deep.equal([
      ['from', ''],
      [null, 'report'],
    ]);
    expect(brief('from:"Li Le')).to.deep.equal([['from', 'Li Le']]);
    const [first, second] = searchTokens('  tag:a  b');
    expect([first!.start, first!.end, second!.start, second!.end]).to.deep.equal([2, 7, 9, 10]);
  });

  it('reads real days only', () => {
    expect(parseDay('2026-12-01')).to.deep.equal({ year: 2026, month: 12, day: 1 });
    expect(parseDay('2026.2.3')).to.deep.equal({ year: 2026, month: 2, day: 3 });
    for (const bad of ['2026-13-01', '2026-02-30', '2026-1', 'yesterday', '26-01-01'])
      expect(parseDay(bad)).to.equal(null);
  });

  it('names the values an operator cannot take, not the ones still empty or unknown operators', () => {
    expect(
      searchSyntaxErrors(searchTokens('before:2026-13-45 is:maybe has:photo after: x:y is:Starred')),
    ).to.deep.equal([
      { op: 'before', value: '2026-13-45' },
      { op: 'is', value: 'maybe' },
      { op: 'has', value: 'photo' },
    ]);
  });
});
