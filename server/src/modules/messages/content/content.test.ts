import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fieldErrors } from '../../../http/field-errors.js';
import { Problem, type FieldError } from '../../../http/problem.js';
import {
  checkLink,
  emptyDoc,
  prepareContent,
  relabelMentions,
  renderEmailHtml,
  RichDocSchema,
  type LinkPolicy,
  type RichDoc,
} from './index.js';

const open: LinkPolicy = { blocklist: [], allowlist: [] };
const p = (...content: unknown[]) => ({ type: 'paragraph', content });
const t = (text: string, marks?: unknown[]) => (marks ? { type: 'text', text, marks } : { type: 'text', text });
const link = (href: string, text = 'link') => t(text, [{ type: 'link', attrs: { href } }]);
const doc = (...content: unknown[]): RichDoc => ({ type: 'doc', content }) as RichDoc;

/** The schema's field errors as the API would report them (`body.` prefixed), or [] when valid. */
function schemaErrors(value: unknown): FieldError[] {
  const result = RichDocSchema.safeParse(value);
  if (result.success) return [];
  return fieldErrors(result.error.issues, value).map((e) => ({ ...e, path: e.path ? `body.${e.path}` : 'body' }));
}
const parse = (value: unknown): RichDoc => {
  const result = RichDocSchema.safeParse(value);
  assert.ok(result.success, JSON.stringify(result.error?.issues));
  return result.data;
};
/** The field errors prepareContent throws, or [] when it passes. */
function prepareErrors(d: RichDoc, policy = open): FieldError[] {
  try {
    prepareContent(d, policy);
    return [];
  } catch (error) {
    assert.ok(error instanceof Problem);
    assert.equal(error.code, 'validation');
    return error.extras.errors ?? [];
  }
}
const nestedLists = (depth: number): unknown => {
  let block: unknown = p(t('deepest'));
  for (let i = 0; i < depth; i++)
    block = { type: 'bulletList', content: [{ type: 'listItem', content: [p(t(`level ${depth - i}`)), block] }] };
  return doc(block);
};

describe('RichDocSchema', () => {
  test('accepts every node and mark', () => {
    const body = doc(
      p(
        t('Hello '),
        t('bold', [{ type: 'bold' }]),
        t('both', [{ type: 'bold' }, { type: 'italic' }]),
        { type: 'hardBreak' },
        { type: 'mention', attrs: { id: 'm1', label: 'Li Lei' } },
        link('https://example.com'),
      ),
      {
        type: 'bulletList',
        content: [
          {
            type: 'listItem',
            content: [
              p(t('a')),
              { type: 'orderedList', attrs: { start: 3 }, content: [{ type: 'listItem', content: [p(t('b'))] }] },
            ],
          },
        ],
      },
      { type: 'paragraph' },
    );
    assert.deepEqual(parse(body), body);
  });

  test("normalises Tiptap's own extras (attrs: null, link target/rel/class, orderedList start: 1 / type: null) \
away", () => {
    const tiptap = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          attrs: null,
          content: [
            {
              type: 'text',
              text: 'site',
              marks: [
                {
                  type: 'link',
                  attrs: {
                    href: 'https://example.com',
                    target: '_blank',
                    rel: 'noopener noreferrer nofollow',
                    class: null,
                    title: null,
                  },
                },
                { type: 'bold', attrs: null },
              ],
            },
            { type: 'hardBreak', marks: [{ type: 'bold' }] },
            { type: 'mention', attrs: { id: 'm1', label: null, mentionSuggestionChar: '@' } },
          ],
        },
        {
          type: 'orderedList',
          attrs: { start: 1, type: null },
          content: [
            { type: 'listItem', attrs: null, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x' }] }] },
          ],
        },
        {
          type: 'orderedList',
          attrs: { start: 4, type: null },
          content: [{ type: 'listItem', content: [{ type: 'paragraph' }] }],
        },
      ],
    };
    assert.deepEqual(parse(tiptap), {
      type: 'doc',
      content: [
        p(
          t('site', [{ type: 'link', attrs: { href: 'https://example.com' } }, { type: 'bold' }]),
          { type: 'hardBreak' },
          { type: 'mention', attrs: { id: 'm1', label: '' } },
        ),
        { type: 'orderedList', content: [{ type: 'listItem', content: [p(t('x'))] }] },
        { type: 'orderedList', attrs: { start: 4 }, content: [{ type: 'listItem', content: [{ type: 'paragraph' }] }] },
      ],
    });
    assert.equal(tiptap.content[0]!.attrs, null, 'the input is not mutated');
  });

  test('refuses unknown nodes (a block image, iframe, script, html) with invalid-value', () => {
    for (const type of ['image', 'iframe', 'script', 'html', 'heading', 'codeBlock']) {
      assert.deepEqual(
        schemaErrors(doc({ type, attrs: { src: 'x' } })).map((e) => [e.path, e.code]),
        [['body.content.0.type', 'invalid-value']],
        type,
      );
    }
    // Issue 20 #9: an inline image exists, but only as an attachment id and alt text: a src is refused.
    assert.deepEqual(
      schemaErrors(doc(p({ type: 'image', attrs: { src: 'x' } }))).map((e) => [e.path, e.code]),
      [
        ['body.content.0.content.0.attrs.attachmentId', 'required'],
        ['body.content.0.content.0.attrs.src', 'unknown-field'],
      ],
    );
    assert.deepEqual(
      schemaErrors(doc(p({ type: 'iframe', attrs: { src: 'x' } }))).map((e) => [e.path, e.code]),
      [['body.content.0.content.0.type', 'invalid-value']],
    );
    assert.ok(
      schemaErrors({ type: 'html', content: '<script>alert(1)</script>' }).some(
        (e) => e.path === 'body.type' && e.code === 'invalid-value',
      ),
    );
  });

  test('refuses unknown marks and unknown keys', () => {
    assert.deepEqual(
      schemaErrors(doc(p(t('x', [{ type: 'underline' }])))).map((e) => [e.path, e.code]),
      [['body.content.0.content.0.marks.0.type', 'invalid-value']],
    );
    assert.deepEqual(
      schemaErrors(doc({ type: 'paragraph', style: 'color:red' })).map((e) => [e.path, e.code]),
      [['body.content.0.style', 'unknown-field']],
    );
    assert.deepEqual(
      schemaErrors(doc(p(t('x', [{ type: 'link', attrs: { href: 'https://a.com', onclick: 'x()' } }])))).map((e) => [
        e.path,
        e.code,
      ]),
      [['body.content.0.content.0.marks.0.attrs.onclick', 'unknown-field']],
    );
    assert.deepEqual(
      schemaErrors(doc(p({ type: 'mention', attrs: { id: 'm', label: 'x', html: '<b>' } }))).map((e) => e.code),
      ['unknown-field'],
    );
    assert.deepEqual(
      schemaErrors(JSON.parse('{"type":"doc","content":[{"type":"paragraph","__proto__":{"polluted":1}}]}')).map(
        (e) => e.code,
      ),
      ['unknown-field'],
    );
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.deepEqual(
      schemaErrors(doc(p(t('')))).map((e) => e.code),
      ['required'],
    );
    assert.deepEqual(
      schemaErrors({ type: 'doc', content: [] }).map((e) => e.code),
      ['too-few'],
    );
    assert.deepEqual(
      schemaErrors(doc(p(t('x', [{ type: 'link', attrs: { href: `https://a.com/${'x'.repeat(2048)}` } }])))).map(
        (e) => e.code,
      ),
      ['too-long'],
    );
  });

  test('lists nest at most 8 deep; 9 is refused, and a hostile depth does not overflow the stack', () => {
    assert.deepEqual(schemaErrors(nestedLists(8)), []);
    assert.deepEqual(
      schemaErrors(nestedLists(9)).map((e) => e.code),
      ['invalid-value'],
    );
    assert.deepEqual(
      schemaErrors(nestedLists(100_000)).map((e) => e.code),
      ['invalid-value'],
    );
    assert.deepEqual(
      prepareErrors(nestedLists(9) as RichDoc).map((e) => e.code),
      ['invalid-value'],
      'prepareContent checks depth too',
    );
    assert.deepEqual(prepareErrors(nestedLists(8) as RichDoc), []);
  });
});

describe('checkLink', () => {
  const code = (href: string, policy = open) => {
    const r = checkLink(href, policy);
    return r.ok ? r.flag : r.code;
  };

  test('http, https and mailto pass', () => {
    assert.equal(code('https://example.com/a?b=c#d'), null);
    assert.equal(code('http://example.com'), null);
    assert.equal(code('mailto:someone@example.com?subject=Hi'), null);
    assert.equal(code('https://192.168.1.10/x'), null, 'IP hosts are allowed');
    assert.equal(code('https://[::1]/'), null);
  });

  test('every other scheme is link-scheme, however it is written', () => {
    for (const href of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      '  javascript:alert(1)',
      '\u0001javascript:alert(1)',
      'java\nscript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'ftp://example.com',
      'tel:+8613800000000',
    ]) {
      assert.equal(code(href), 'link-scheme', JSON.stringify(href));
    }
  });

  test('relative, entity-encoded and broken links are link-invalid', () => {
    for (const href of [
      '/relative/path',
      'example.com',
      '//example.com/x',
      '#top',
      '',
      'jav&#x61;script:alert(1)',
      'https://',
      'https://exa mple.com',
      'mailto:nobody',
      'mailto:a@',
    ]) {
      const r = code(href);
      assert.ok(r === 'link-invalid' || r === 'link-scheme', `${JSON.stringify(href)} → ${r}`);
    }
    assert.equal(code('/relative/path'), 'link-invalid');
  });

  test('block list: the host itself and its subdomains, also for mailto', () => {
    const policy = { blocklist: ['evil.com', '*.bad.org', 'Tracker.NET'], allowlist: [] };
    assert.equal(code('https://evil.com/x', policy), 'link-blocked');
    assert.equal(code('https://www.evil.com', policy), 'link-blocked');
    assert.equal(code('https://a.b.bad.org', policy), 'link-blocked');
    assert.equal(code('https://bad.org', policy), 'link-blocked');
    assert.equal(code('https://tracker.net', policy), 'link-blocked');
    assert.equal(code('https://EVIL.com.', policy), 'link-blocked');
    assert.equal(code('mailto:x@mail.evil.com', policy), 'link-blocked');
    // Addresses in the header fields count as much as the one in the path.
    assert.equal(code('mailto:a@example.com?cc=b@evil.com', policy), 'link-blocked');
    assert.equal(code('mailto:?to=b@evil.com', policy), 'link-blocked');
    assert.equal(code('mailto:a@example.com?BCC=x@evil.com&body=hi', policy), 'link-blocked');
    assert.equal(code('mailto:a@example.com?subject=evil.com', policy), null);
    assert.equal(code('https://notevil.com', policy), null);
    assert.equal(code('https://evil.com.example.org', policy), null);
  });

  test('allow list: hosts off it (and not its subdomains) are flagged unlisted', () => {
    const policy = { blocklist: [], allowlist: ['example.com', '10.0.0.1'] };
    assert.equal(code('https://example.com', policy), null);
    assert.equal(code('https://docs.example.com', policy), null);
    assert.equal(code('mailto:hr@example.com', policy), null);
    assert.equal(code('https://other.org', policy), 'unlisted');
    assert.equal(code('https://10.0.0.1/', policy), null);
    assert.equal(code('https://10.0.0.2/', policy), 'unlisted');
    assert.equal(code('mailto:x@other.org', policy), 'unlisted');
  });

  test('look-alike hosts are flagged; CJK, accented and hyphenated hosts are not', () => {
    assert.equal(code('https://xn--pple-43d.com/'), 'lookalike', 'аpple with a Cyrillic а');
    assert.equal(code('https://p\u0430ypal.com/'), 'lookalike', 'paypal with a Cyrillic а');
    assert.equal(code('https://\u0440\u0430\u0443\u0440\u0430\u04cf.com/'), 'lookalike', 'wholly Cyrillic раураӏ');
    assert.equal(code('https://\u03bf\u03c1\u03b1.com/'), 'lookalike', 'wholly Greek ορα');
    assert.equal(code('https://g\u03bfogle.com/'), 'lookalike', 'Latin + Greek');
    assert.equal(code('mailto:ceo@p\u0430ypal.com'), 'lookalike', 'mailto host');
    assert.equal(code('https://中文.com/'), null);
    assert.equal(code('https://例子.中国/'), null);
    assert.equal(code('https://ex-ample.com/'), null);
    assert.equal(code('https://café.fr/'), null);
    assert.equal(code('https://пример.рф/'), null, 'a real Cyrillic name');
    assert.equal(code('https://東京abc.jp/'), null, 'Han + Latin is a CJK mix');
    const r = checkLink('https://p\u0430ypal.com/', open);
    assert.ok(r.ok && r.host === 'xn--pypal-4ve.com', 'hosts are reported punycoded');
  });
});

describe('prepareContent', () => {
  test('plain text: lines, bullets, numbers from start, nested indent, breaks, mentions', () => {
    const body = doc(
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
      p(
        { type: 'mention', attrs: { id: 'm2', label: 'Han Meimei' } },
        { type: 'mention', attrs: { id: 'm1', label: 'Li Lei' } },
      ),
    );
    const out = prepareContent(body, open);
    assert.equal(
      out.text,
      'Hello @Li Lei,\nsee below\n• one\n• two\n  3. three\n  4. four\n  more\n1. first\n\n@Han Meimei@Li Lei',
    );
    assert.deepEqual(out.mentionIds, ['m1', 'm2']);
    assert.deepEqual(out.links, []);
  });

  test('drops empty text nodes', () => {
    const out = prepareContent(doc(p({ type: 'text', text: '' }), p(t('a'), { type: 'text', text: '' })), open);
    assert.deepEqual(out.doc, doc({ type: 'paragraph' }, p(t('a'))));
  });

  test("writes each link's flag, ignoring a client's value, and lists the links", () => {
    const body = parse(
      doc(
        p(
          t('ok', [{ type: 'link', attrs: { href: 'https://example.com', flag: 'lookalike' } }]),
          t('off', [{ type: 'bold' }, { type: 'link', attrs: { href: 'https://other.org/x', flag: null } }]),
        ),
      ),
    );
    const out = prepareContent(body, { blocklist: [], allowlist: ['example.com'] });
    assert.deepEqual(
      out.doc,
      doc(
        p(
          t('ok', [{ type: 'link', attrs: { href: 'https://example.com', flag: null } }]),
          t('off', [{ type: 'bold' }, { type: 'link', attrs: { href: 'https://other.org/x', flag: 'unlisted' } }]),
        ),
      ),
    );
    assert.deepEqual(out.links, [
      { href: 'https://example.com', host: 'example.com', flag: null },
      { href: 'https://other.org/x', host: 'other.org', flag: 'unlisted' },
    ]);
    // A flag sent straight to prepareContent (not through the schema) is overwritten too.
    const direct = prepareContent(
      doc(p(t('x', [{ type: 'link', attrs: { href: 'https://example.com', flag: 'lookalike' } }]))),
      open,
    );
    assert.deepEqual(
      direct.doc.content[0],
      p(t('x', [{ type: 'link', attrs: { href: 'https://example.com', flag: null } }])),
    );
  });

  test('reports every bad link at once, each at its path, in one Problem', () => {
    const body = doc(
      p(t('a'), link('https://fine.com'), link('javascript:alert(1)')),
      {
        type: 'bulletList',
        content: [
          {
            type: 'listItem',
            content: [p(t('x', [{ type: 'bold' }, { type: 'link', attrs: { href: 'https://ads.evil.com' } }]))],
          },
        ],
      },
      p(link('not a url')),
    );
    let thrown: unknown;
    try {
      prepareContent(body, { blocklist: ['evil.com'], allowlist: [] });
    } catch (error) {
      thrown = error;
    }
    assert.ok(thrown instanceof Problem);
    assert.equal(thrown.detail, 'Some links are not allowed.');
    assert.deepEqual(
      thrown.extras.errors?.map((e) => [e.path, e.code]),
      [
        ['body.content.0.content.2.marks.0.attrs.href', 'link-scheme'],
        ['body.content.1.content.0.content.0.content.0.marks.1.attrs.href', 'link-blocked'],
        ['body.content.2.content.0.marks.0.attrs.href', 'link-invalid'],
      ],
    );
  });

  test('plain text longer than 100,000 characters is too-long at the given path', () => {
    assert.deepEqual(prepareErrors(doc(p(t('x'.repeat(100_000))))), []);
    const errors = (() => {
      try {
        prepareContent(doc(p(t('x'.repeat(60_000))), p(t('y'.repeat(40_000)))), open, 'reply.body');
        return [];
      } catch (error) {
        return (error as Problem).extras.errors ?? [];
      }
    })();
    assert.deepEqual(
      errors.map((e) => [e.path, e.code]),
      [['reply.body', 'too-long']],
    );
  });

  test('relabelMentions and emptyDoc', () => {
    const body = doc(
      p(
        { type: 'mention', attrs: { id: 'm1', label: 'old' } },
        { type: 'mention', attrs: { id: 'm9', label: 'gone' } },
      ),
      {
        type: 'bulletList',
        content: [{ type: 'listItem', content: [p({ type: 'mention', attrs: { id: 'm1', label: 'old' } })] }],
      },
    );
    const out = relabelMentions(body, new Map([['m1', 'Li Lei']]));
    assert.equal(prepareContent(out, open).text, '@Li Lei@gone\n• @Li Lei');
    assert.equal(prepareContent(body, open).text, '@old@gone\n• @old', 'the input is not changed');
    assert.deepEqual(parse(emptyDoc()), { type: 'doc', content: [{ type: 'paragraph' }] });
    assert.equal(prepareContent(emptyDoc(), open).text, '');
  });
});

describe('renderEmailHtml', () => {
  const flagged = (href: string, flag: 'unlisted' | 'lookalike' | null, text = 'link') =>
    t(text, [{ type: 'link', attrs: { href, flag } }]);

  test('renders every node', () => {
    const html = renderEmailHtml(
      doc(
        p(
          t('a '),
          t('b', [{ type: 'bold' }]),
          t('i', [{ type: 'italic' }]),
          { type: 'hardBreak' },
          { type: 'mention', attrs: { id: 'm', label: 'Li' } },
        ),
        { type: 'bulletList', content: [{ type: 'listItem', content: [p(t('x'))] }] },
        { type: 'orderedList', attrs: { start: 5 }, content: [{ type: 'listItem', content: [p(t('y'))] }] },
        p(
          t('go', [{ type: 'bold' }, { type: 'link', attrs: { href: 'https://example.com/a?b=1&c=2', flag: null } }]),
          t('!', [{ type: 'link', attrs: { href: 'https://example.com/a?b=1&c=2', flag: null } }]),
        ),
      ),
    );
    assert.equal(
      html,
      '<p>a <strong>b</strong><em>i</em><br><span ' +
        'class="mention">@Li</span></p><ul><li><p>x</p></li></ul><ol start="5"><li><p>y</p></li></ol>' +
        '<p><a href="https://example.com/a?b=1&amp;c=2" rel="noopener noreferrer" ' +
        'target="_blank"><strong>go</strong>!</a></p>',
    );
  });

  test('a flagged link carries a title and a ⚠ after it', () => {
    const html = renderEmailHtml(doc(p(flagged('https://xn--pple-43d.com/', 'lookalike', 'apple'))), {
      linkWarning: (flag) => `Careful: ${flag} <b>`,
    });
    assert.equal(
      html,
      '<p><a href="https://xn--pple-43d.com/" rel="noopener noreferrer" target="_blank" title="Careful: ' +
        'lookalike &lt;b&gt;">apple</a>' +
        ' <span title="Careful: lookalike &lt;b&gt;" aria-label="Careful: lookalike &lt;b&gt;">⚠</span></p>',
    );
    assert.match(
      renderEmailHtml(doc(p(flagged('https://other.org', 'unlisted')))),
      /title="[^"<>]+">link<\/a> <span[^>]*>⚠<\/span>/,
    );
  });

  test('escapes XSS payloads in text, labels and hrefs; unsafe hrefs render as text', () => {
    const payloads = [
      '<script>alert(1)</script>',
      '"><img src=x onerror=alert(1)>',
      "'><svg/onload=alert(1)>",
      '<svg/onload=alert(1)>',
      '&lt;script&gt;',
      '<iframe srcdoc="<script>alert(1)</script>">',
    ];
    for (const payload of payloads) {
      const html = renderEmailHtml(
        doc(
          p(
            t(payload),
            { type: 'mention', attrs: { id: 'm', label: payload } },
            t(payload, [{ type: 'link', attrs: { href: `https://example.com/?q=${payload}`, flag: 'unlisted' } }]),
          ),
        ),
        { linkWarning: () => payload },
      );
      assert.doesNotMatch(html, /<(script|img|svg|iframe)/i, html);
      // Outside the tags we wrote, no `<`, `>` or quote from the payload survives unescaped.
      const stripped = html.replace(
        /<\/?(p|strong|em|br|span|a)(\s(class|href|rel|target|title|aria-label)="[^"<>]*")*>/g,
        '',
      );
      assert.doesNotMatch(stripped, /[<>"']/, stripped);
    }
    for (const href of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      '  javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:x',
      'jav&#x61;script:alert(1)',
      '/relative',
    ]) {
      const html = renderEmailHtml(doc(p(flagged(href, null, 'click'))));
      assert.equal(html, '<p>click</p>', href);
    }
    const quoted = renderEmailHtml(doc(p(flagged('https://example.com/"onmouseover="alert(1)\'x', null))));
    assert.equal(
      quoted,
      (
        '<p><a href="https://example.com/%22onmouseover=%22alert(1)\'x" rel="noopener noreferrer" ' +
        'target="_blank">link</a></p>'
      ).replace("'x", '&#39;x'),
    );
  });
});
