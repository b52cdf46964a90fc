// Every story renders and is accessible (Storybook itself is not run by the test suite).
import { expect, fixture, html } from '@open-wc/testing';
import { until } from '@herald/client/testing/mount';
import * as stories from './knowledge-view.stories.js';
import type { HeraldKnowledgeView } from './knowledge-view.js';

const meta = stories.default;
type AnyStory = { args?: object; render?: (args: never) => HTMLElement };
const q = (el: Element, s: string) => el.shadowRoot?.querySelector(s);

describe('knowledge view stories (issue 19 #7)', () => {
  const expectations: Record<string, (el: HeraldKnowledgeView) => unknown> = {
    Published: (el) => el.shadowRoot!.querySelectorAll('button[part="item"]').length === 2,
    Empty: (el) => q(el, '.empty'),
    Chinese: (el) => q(el, 'h2')?.textContent === '知识库' && q(el, 'button[part="item"]'),
    Dark: (el) => el.getAttribute('theme') === 'dark' && q(el, 'button[part="item"]'),
  };

  for (const [name, check] of Object.entries(expectations)) {
    it(`${name} renders and is accessible`, async function () {
      const story = (stories as unknown as Record<string, AnyStory>)[name]!;
      const args = { ...meta.args, ...story.args } as never;
      const canvas = await fixture<HTMLElement>(html`<div></div>`);
      canvas.append((story.render ?? meta.render)(args));
      await until(() => canvas.querySelector('herald-knowledge-view'), 5000, 'the element');
      const el = canvas.querySelector<HeraldKnowledgeView>('herald-knowledge-view')!;
      await until(() => check(el), 5000, name);
      await expect(el).to.be.accessible();
    });
  }
});
