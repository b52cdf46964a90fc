import { expect, fixture, fixtureCleanup } from '@open-wc/testing';
import { waitFor } from '../testing/story-host.js';
import * as stories from './approval-queue.stories.js';

type AnyStory = {
  args?: object;
  render?: (args: object) => HTMLElement;
  play?: (ctx: { canvasElement: HTMLElement }) => Promise<void>;
};
const meta = stories.default as unknown as { args: object; render: (args: object) => HTMLElement };

describe('Approval queue stories', function () {
  for (const [name, story] of Object.entries(stories).filter(([k]) => k !== 'default') as Array<[string, AnyStory]>) {
    it(`R14: story ${name} renders, plays and is accessible`, async () => {
      fixtureCleanup();
      const canvas = await fixture<HTMLElement>((story.render ?? meta.render)({ ...meta.args, ...story.args }));
      const el = canvas.querySelector('herald-approval-queue')!;
      await waitFor(() => el.shadowRoot?.querySelector('[part=item], herald-approval-flows'));
      await story.play?.({ canvasElement: canvas });
      await (el as HTMLElement & { updateComplete: Promise<boolean> }).updateComplete;
      await expect(el).to.be.accessible();
    });
  }
});
