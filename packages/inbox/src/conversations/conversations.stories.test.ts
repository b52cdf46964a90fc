// Every story renders and is accessible (Storybook itself is not run by the test suite).
import { expect, fixture } from '@open-wc/testing';
import { until } from '@herald/client/testing/mount';
import * as stories from './conversations.stories.js';

type AnyStory = { args?: object; render?: (args: never) => HTMLElement };
const meta = stories.default;
const ready: Record<string, (el: Element) => unknown> = {
  StaffQueue: (el) => el.shadowRoot?.querySelectorAll('[part="row"]').length === 3,
  CustomerOwn: (el) => el.shadowRoot?.querySelectorAll('[part="row"]').length === 3,
  NewConversation: (el) => el.shadowRoot?.querySelectorAll('#to option').length === 2,
  NobodyToWriteTo: (el) => el.shadowRoot?.querySelector('[role="status"]')?.textContent,
  Chinese: (el) => el.shadowRoot?.querySelector('h3')?.textContent === '客户会话',
  Dark: (el) => el.shadowRoot?.querySelectorAll('[part="row"]').length === 3,
};

describe('customer conversations stories (issue 19 #5)', () => {
  for (const [name, story] of Object.entries(stories) as Array<[string, AnyStory]>) {
    if (name === 'default') continue;
    it(`${name} renders and is accessible`, async () => {
      const wrapper = story.render!({ ...meta.args, ...story.args } as never);
      await fixture(wrapper);
      await until(() => wrapper.firstElementChild, 5000, 'the element');
      const el = wrapper.firstElementChild!;
      await until(() => ready[name]!(el), 8000, `${name} ready`);
      await expect(el).to.be.accessible();
    });
  }
});
