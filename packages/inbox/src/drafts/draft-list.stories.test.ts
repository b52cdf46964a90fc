// Every story of <herald-draft-list> renders and is accessible (Storybook itself is not run by the test suite).
import { expect, fixture, html } from '@open-wc/testing';
import * as stories from './draft-list.stories.js';
import type { HeraldDraftList } from './draft-list.js';
import { until } from '../testing/mount.js';

const meta = stories.default;
type AnyStory = { args?: object; render?: (args: never) => HTMLElement };
const q = (el: Element, s: string) => el.shadowRoot?.querySelector(s);
const all = (el: Element, s: string) => [...(el.shadowRoot?.querySelectorAll(s) ?? [])];

describe('draft list stories (issue 20 #2)', () => {
  const expectations: Record<string, (el: HeraldDraftList) => unknown> = {
    Drafts: (el) => all(el, '[part=draft]').length === 3 && q(el, '.subject.none')?.textContent === '(no subject)',
    Empty: (el) => q(el, '[part=empty]'),
    Chinese: (el) => q(el, '.subject.none')?.textContent === '（无主题）',
    Dark: (el) => el.getAttribute('theme') === 'dark' && all(el, '[part=draft]').length === 3,
  };

  for (const [name, check] of Object.entries(expectations)) {
    it(`${name} renders and is accessible`, async function () {
      const story = (stories as unknown as Record<string, AnyStory>)[name]!;
      const args = { ...meta.args, ...story.args } as never;
      const canvas = await fixture<HTMLElement>(html`<div></div>`);
      canvas.append((story.render ?? meta.render)(args));
      await until(() => canvas.querySelector('herald-draft-list'), 5000, 'the element');
      const el = canvas.querySelector<HeraldDraftList>('herald-draft-list')!;
      await until(() => check(el), 5000, name);
      await expect(el).to.be.accessible();
    });
  }
});
