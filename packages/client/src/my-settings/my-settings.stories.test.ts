import { expect, fixture, fixtureCleanup } from '@open-wc/testing';
import { until } from '../testing/wait.js';
import * as stories from './my-settings.stories.js';

type AnyStory = { args?: object };
const meta = stories.default as unknown as { args: object; render: (args: object) => HTMLElement };

describe('My settings stories (issue 20)', () => {
  for (const [name, story] of Object.entries(stories).filter(([k]) => k !== 'default') as Array<[string, AnyStory]>) {
    it(`story ${name} renders and is accessible`, async () => {
      fixtureCleanup();
      const canvas = await fixture<HTMLElement>(meta.render({ ...meta.args, ...story.args }));
      const el = canvas.querySelector('herald-my-settings')!;
      await until(() => el.shadowRoot?.querySelector('dl'), 4000, 'the profile');
      await expect(el).to.be.accessible();
    });
  }
});
