// Every story renders its editor with its value and is accessible (Storybook itself is not run by the test suite).
import { expect, fixture } from '@open-wc/testing';
import { until } from '@herald/client/testing/mount';
import * as stories from './rich-text-editor.stories.js';
import type { HeraldRichTextEditor } from './rich-text-editor.js';

const meta = stories.default;
type AnyStory = { args?: object };

describe('rich-text editor stories', () => {
  before(async function () {
    await import('./tiptap-editor.js'); // the lazy chunk: the first import compiles Tiptap in the dev server
  });

  for (const [name, story] of Object.entries(stories).filter(([n]) => n !== 'default') as [string, AnyStory][]) {
    it(`${name} renders the value and is accessible`, async () => {
      const el = await fixture<HeraldRichTextEditor>(meta.render({ ...meta.args, ...story.args } as never));
      el.focus(); // loads Tiptap now instead of when the page is idle
      await until(() => el.shadowRoot!.querySelector('.ProseMirror')?.textContent?.includes('safety drill'), 20_000);
      await expect(el).to.be.accessible();
    });
  }

  it('WithImages shows its image from loadImage and offers "Insert image" (issue 20 #9)', async () => {
    const el = await fixture<HeraldRichTextEditor>(meta.render({ ...meta.args, ...stories.WithImages.args } as never));
    el.focus();
    const img = () => el.shadowRoot!.querySelector<HTMLImageElement>('#editor img.inline-image');
    await until(() => img()?.naturalWidth === 2, 20_000, 'the story image');
    expect(img()!.alt).to.equal('Drill route map');
    expect(el.shadowRoot!.querySelector('button[data-command="image"]')?.getAttribute('aria-label')).to.equal(
      'Insert image',
    );
  });
});
