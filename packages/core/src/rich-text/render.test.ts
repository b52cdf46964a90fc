import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import { renderRichText } from './render.js';

declare global {
  interface Window {
    __xss: number;
  }
}

const p = (...content: unknown[]) => ({ type: 'paragraph', content });
const t = (text: string, marks?: unknown[]) => (marks ? { type: 'text', text, marks } : { type: 'text', text });
const link = (href: string, text = 'link', flag: string | null = null) =>
  t(text, [{ type: 'link', attrs: { href, flag } }]);
const doc = (...content: unknown[]) => ({ type: 'doc', content });

/** Renders into a connected element, light DOM and inside a shadow root. */
async function renderConnected(value: unknown, options?: Parameters<typeof renderRichText>[1]) {
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  const light = document.createElement('div');
  light.appendChild(renderRichText(value, options));
  host.appendChild(light);
  const shadowHost = document.createElement('div');
  const root = shadowHost.attachShadow({ mode: 'open' });
  root.appendChild(renderRichText(value, options));
  host.appendChild(shadowHost);
  return { host, light, root };
}

describe('renderRichText', () => {
  it('renders every node and mark', async () => {
    const { light } = await renderConnected(
      doc(
        p(
          t('a '),
          t('b', [{ type: 'bold' }]),
          t('i', [{ type: 'italic' }]),
          t('bi', [{ type: 'bold' }, { type: 'italic' }]),
          { type: 'hardBreak' },
          { type: 'mention', attrs: { id: 'm1', label: 'Li Lei' } },
        ),
        {
          type: 'bulletList',
          content: [
            {
              type: 'listItem',
              content: [
                p(t('x')),
                { type: 'orderedList', attrs: { start: 3 }, content: [{ type: 'listItem', content: [p(t('y'))] }] },
              ],
            },
          ],
        },
        { type: 'orderedList', content: [{ type: 'listItem', content: [p(t('z'))] }] },
        p(
          t('go', [{ type: 'bold' }, { type: 'link', attrs: { href: 'https://example.com/a?b=1', flag: null } }]),
          link('https://example.com/a?b=1', '!'),
        ),
        { type: 'paragraph' },
      ),
    );
    expect(light.innerHTML).to.equal(
      '<p>a <strong>b</strong><em>i</em><strong><em>bi</em></strong><br>' +
        '<span class="mention" data-member-id="m1">@Li Lei</span></p>' +
        '<ul><li><p>x</p><ol start="3"><li><p>y</p></li></ol></li></ul><ol><li><p>z</p></li></ol>' +
        '<p><a href="https://example.com/a?b=1" target="_blank" rel="noopener noreferrer">' +
        '<strong>go</strong>!</a></p><p></p>',
    );
  });

  it('uses mentionLabel for the shown name', async () => {
    const { light } = await renderConnected(doc(p({ type: 'mention', attrs: { id: 'm1', label: 'old' } })), {
      mentionLabel: (id, label) => `${id}:${label}`,
    });
    expect(light.querySelector('.mention')!.textContent).to.equal('@m1:old');
  });

  it('shows a flagged link with its warning, class, data-flag, rel and target', async () => {
    const { host, light } = await renderConnected(
      doc(
        p(
          link('https://xn--pple-43d.com/', 'apple', 'lookalike'),
          t(' and '),
          link('mailto:x@other.org', 'mail', 'unlisted'),
        ),
      ),
      { linkWarning: (flag, href) => `Careful (${flag}): ${href}` },
    );
    const [a, b] = [...light.querySelectorAll('a')];
    expect(a!.className).to.equal('flagged');
    expect(a!.dataset.flag).to.equal('lookalike');
    expect(a!.title).to.equal('Careful (lookalike): https://xn--pple-43d.com/');
    expect(a!.rel).to.equal('noopener noreferrer');
    expect(a!.target).to.equal('_blank');
    const marker = a!.querySelector('.link-warning')!;
    expect(marker.textContent).to.equal('⚠');
    expect(marker.getAttribute('aria-label')).to.equal('Careful (lookalike): https://xn--pple-43d.com/');
    expect(b!.dataset.flag).to.equal('unlisted');
    expect(b!.getAttribute('href')).to.equal('mailto:x@other.org');
    await expect(host).to.be.accessible();
  });

  it('an unflagged link has no warning; a default warning text exists without linkWarning', async () => {
    const { light } = await renderConnected(
      doc(p(link('https://example.com'), link('https://other.org', 'o', 'unlisted'))),
    );
    const [a, b] = [...light.querySelectorAll('a')];
    expect(a!.classList.contains('flagged')).to.equal(false);
    expect(a!.querySelector('.link-warning')).to.equal(null);
    expect(b!.title).to.not.equal('');
  });

  describe('XSS payloads', () => {
    const markup = [
      '<script>window.__xss++</script>',
      '<img src=x onerror="window.__xss++">',
      '"><img src=x onerror=window.__xss++>',
      "'><svg onload=window.__xss++>",
      '<svg/onload=window.__xss++>',
      '<iframe srcdoc="<script>parent.__xss++</script>"></iframe>',
      '<a href="javascript:window.__xss++">x</a>',
      '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss++>',
      '{{constructor.constructor("window.__xss++")()}}',
    ];
    const hrefs = [
      'javascript:window.__xss++',
      'JaVaScRiPt:window.__xss++',
      ' \t javascript:window.__xss++',
      '\u0001\u0000javascript:window.__xss++',
      'java\nscript:window.__xss++',
      'jav&#x61;script:window.__xss++',
      'javascript&colon;window.__xss++',
      '&#106;avascript:window.__xss++',
      'data:text/html,<script>parent.__xss++</script>',
      'DATA:text/html;base64,PHNjcmlwdD5wYXJlbnQuX194c3MrKzwvc2NyaXB0Pg==',
      'vbscript:msgbox(1)',
      '//evil.example/x',
      '/relative',
      'https://example.com/"><img src=x onerror=window.__xss++>',
    ];
    const hostile = doc(
      ...markup.map((m) =>
        p(
          t(m),
          t(m, [{ type: 'bold' }]),
          { type: 'mention', attrs: { id: m, label: m } },
          link(`https://example.com/?q=${m}`, m, 'unlisted'),
        ),
      ),
      ...hrefs.map((h) => p(link(h, 'click'), link(h, 'flagged', 'lookalike'))),
      { type: 'html', html: markup[1], content: [t(markup[0]!)] },
      { type: 'image', attrs: { src: 'x', onerror: 'window.__xss++' } },
      { type: 'iframe', attrs: { srcdoc: markup[0] } },
      { type: 'script', text: 'window.__xss++' },
      p({ type: 'html', html: markup[1] }, { type: 'image', attrs: { src: 'x', onerror: 'window.__xss++' } }),
      {
        type: 'bulletList',
        attrs: { start: '1"><img src=x onerror=window.__xss++>' },
        content: [{ type: 'listItem', content: [p(t(markup[2]!))] }],
      },
      {
        type: 'orderedList',
        attrs: { start: '2 onload=window.__xss++' },
        content: [{ type: 'html', content: [t(markup[1]!)] }],
      },
      JSON.parse(
        '{"type":"paragraph","__proto__":{"type":"html"},' +
          '"content":[{"__proto__":{"type":"text","text":"<img src=x onerror=window.__xss++>"}},' +
          '{"type":"text","text":"proto",' +
          '"marks":[{"type":"link","attrs":{"__proto__":{"href":"javascript:window.__xss++"}}}]}]}',
      ),
    );

    const assertInert = (root: ParentNode) => {
      expect(
        root.querySelectorAll('script, img, svg, iframe, object, embed, math, style, link, meta, base, form').length,
      ).to.equal(0);
      for (const a of root.querySelectorAll('a')) {
        expect(['http:', 'https:', 'mailto:']).to.include(new URL(a.href).protocol, a.href);
        expect(a.rel).to.equal('noopener noreferrer');
      }
      for (const el of root.querySelectorAll('*')) {
        for (const attr of el.getAttributeNames())
          expect(attr.startsWith('on'), `${el.tagName} ${attr}`).to.equal(false);
      }
    };

    let alert: typeof window.alert;
    beforeEach(() => {
      window.__xss = 0;
      alert = window.alert;
      window.alert = () => {
        window.__xss++;
      };
    });
    afterEach(() => {
      window.alert = alert;
    });

    it('render as inert text, in light DOM and in a shadow root', async () => {
      const { light, root } = await renderConnected(hostile);
      await aTimeout(150); // time for image error events and iframe loads, had any been created
      expect(window.__xss).to.equal(0);
      assertInert(light);
      assertInert(root);
      for (const m of markup) expect(light.textContent).to.include(m);
      expect(light.querySelectorAll('a').length).to.equal(
        markup.length + 2,
        'only the https links of the text payloads, and the quoted one (twice), are links',
      );
      const quoted = [...light.querySelectorAll('a')].at(-1)!;
      expect(quoted.getAttribute('href')).to.equal(
        'https://example.com/%22%3E%3Cimg%20src=x%20onerror=window.__xss++%3E',
      );
      // A link whose href comes only from a `__proto__` key is no link; a node whose type does is not rendered.
      const proto = [...light.querySelectorAll('p')].find((el) => el.textContent === 'proto')!;
      expect(proto.querySelector('a')).to.equal(null);
      expect(light.textContent).to.not.include('<img src=x onerror=window.__xss++>"}}');
    });

    it('ignore a polluted Object.prototype', async () => {
      const proto = Object.prototype as Record<string, unknown>;
      proto.href = 'javascript:window.__xss++';
      proto.marks = [{ type: 'link', attrs: { href: 'javascript:window.__xss++' } }];
      try {
        const { light } = await renderConnected(
          doc(p(t('plain'), { type: 'text', text: 'x', marks: [{ type: 'link', attrs: {} }] })),
        );
        await aTimeout(20);
        expect(window.__xss).to.equal(0);
        expect(light.querySelectorAll('a').length).to.equal(0);
        assertInert(light);
      } finally {
        delete proto.href;
        delete proto.marks;
      }
    });

    it('non-documents and junk render nothing or text only', async () => {
      for (const value of [
        null,
        undefined,
        42,
        'x<script>window.__xss++</script>',
        [],
        { type: 'html', content: markup },
        { type: 'doc', content: 'nope' },
        {
          type: 'doc',
          content: [
            null,
            1,
            'str',
            [p(t('arr'))],
            { type: 'paragraph', content: 'str' },
            { type: 'paragraph', content: [null, 7, { type: 'text', text: 9 }] },
          ],
        },
      ]) {
        const { light } = await renderConnected(value);
        assertInert(light);
        expect(light.textContent).to.not.include('<script>');
      }
      expect(window.__xss).to.equal(0);
    });

    it('a hostile nesting depth neither throws nor renders beyond the limit', async () => {
      let block: unknown = p(t('deep'));
      for (let i = 0; i < 10_000; i++)
        block = { type: 'bulletList', content: [{ type: 'listItem', content: [block] }] };
      expect(() => renderRichText(doc(block))).to.not.throw();
    });
  });
});
