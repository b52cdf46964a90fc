// Issue 20 #9: a body's inline images are rendered from an attachment id only and get their bytes through the reader's
// own fetch, when they near the viewport; a src, a URL-like id or any other attribute in the document is never used.
import { expect, fixture, html } from '@open-wc/testing';
import { InlineImageLoader } from './inline-images.js';
import { renderRichText } from './render.js';

const PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
);
/** Waits (bounded) for `ready`; core cannot import the client's test helpers. */
async function until(ready: () => unknown, ms: number, what: string) {
  for (const end = Date.now() + ms; !ready(); await new Promise((r) => setTimeout(r, 20)))
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
}
const image = (attrs: Record<string, unknown>) => ({ type: 'image', attrs });
const doc = (...inline: unknown[]) => ({ type: 'doc', content: [{ type: 'paragraph', content: inline }] });

describe('inline images (issue 20 #9)', () => {
  it('renders <img alt loading=lazy> from the attachment id, fetched by the loader; never a src', async () => {
    const fetched: string[] = [];
    const loader = new InlineImageLoader(async (id) => (fetched.push(id), new Blob([PNG], { type: 'image/png' })));
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    host.append(
      renderRichText(
        doc(
          image({ attachmentId: 'att-1', alt: 'Q3 chart', src: 'https://tracker.example/p.gif' }),
          image({ src: 'javascript:alert(1)', alt: 'no id' }),
        ),
        { image: loader.attach },
      ),
    );
    const [img, ...rest] = host.querySelectorAll('img');
    expect(rest).to.have.length(0);
    expect(host.textContent).to.contain('no id', 'an image without an id is its alt text only');
    expect(img!.alt).to.equal('Q3 chart');
    expect(img!.loading).to.equal('lazy');
    await until(() => img!.naturalWidth === 1, 10_000, 'the image loaded');
    expect(img!.src).to.match(/^blob:/);
    expect(fetched).to.deep.equal(['att-1']);
    loader.dispose();
  });

  it('without a loader an image is its alt text; a failed fetch keeps the alt text', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    host.append(renderRichText(doc(image({ attachmentId: 'a', alt: 'plan' }))));
    expect(host.querySelector('img')).to.equal(null);
    expect(host.textContent).to.equal('plan');
    host.replaceChildren();
    const loader = new InlineImageLoader(async () => {
      throw new Error('404');
    });
    host.append(renderRichText(doc(image({ attachmentId: 'a', alt: 'plan' })), { image: loader.attach }));
    await until(() => host.querySelector('img')?.classList.contains('failed'), 10_000, 'marked failed');
    expect(host.querySelector('img')!.getAttribute('src')).to.equal(null);
  });
});
