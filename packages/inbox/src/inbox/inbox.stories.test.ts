import { expect, fixture, fixtureCleanup } from '@open-wc/testing';
import * as stories from './inbox.stories.js';
import { inboxReady } from '../testing/story-host.js';
import { ignoreResizeObserverLoop } from '../testing/mount.js';

type AnyStory = {
  args?: object;
  render?: (args: object) => HTMLElement;
  play?: (ctx: { canvasElement: HTMLElement }) => Promise<void>;
};
const meta = stories.default as unknown as { args: object; render: (args: object) => HTMLElement };

describe('Inbox stories', function () {
  before(ignoreResizeObserverLoop);
  for (const [name, story] of Object.entries(stories).filter(([k]) => k !== 'default') as Array<[string, AnyStory]>) {
    it(`R13: story ${name} renders, plays and is accessible`, async () => {
      fixtureCleanup();
      const args = { ...meta.args, ...story.args };
      const canvas = await fixture<HTMLElement>((story.render ?? meta.render)(args));
      canvas.style.width = '1100px';
      const el = await inboxReady(canvas);
      if (!['Empty', 'Loading', 'Failed'].includes(name)) {
        const end = Date.now() + 10_000;
        while (!el.shadowRoot!.querySelector('lit-virtualizer [role="option"]') && Date.now() < end)
          await new Promise((r) => setTimeout(r, 50));
        expect(el.shadowRoot!.querySelector('lit-virtualizer [role="option"]'), 'rows').to.exist;
      }
      await story.play?.({ canvasElement: canvas });
      await new Promise((r) => setTimeout(r, 200));
      expect(el.shadowRoot!.querySelector('[part="body"]')).to.exist;
      await expect(el).to.be.accessible();
    });
  }
});
