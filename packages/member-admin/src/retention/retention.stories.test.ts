// Every story renders and is accessible (Storybook itself is not run by the test suite).
import { expect, fixture, html } from '@open-wc/testing';
import { until } from '../testing/mount.js';
import * as stories from './retention.stories.js';
import type { HeraldAdminRetention } from './retention.js';

const meta = stories.default;
type AnyStory = { args?: object; render?: (args: never) => HTMLElement };
const $ = (el: Element, selector: string) => el.shadowRoot!.querySelector(selector);
const figures = (el: Element) => el.shadowRoot!.querySelectorAll('[part="last-run"] dd').length;

describe('retention stories', () => {
  const expectations: Record<string, (el: HeraldAdminRetention) => unknown> = {
    Default: (el) => $(el, '#grace') && $(el, '[part="last-run"] p'),
    AfterARun: (el) => figures(el) === 8,
    Refused: (el) => $(el, '[role="alert"]')?.textContent?.trim(),
    Chinese: (el) => $(el, '#retention-title')?.textContent === '存储与保留' && figures(el) === 8,
    Dark: (el) => figures(el) === 8,
  };

  for (const [name, check] of Object.entries(expectations)) {
    it(`${name} renders and is accessible`, async function () {
      const story = (stories as unknown as Record<string, AnyStory>)[name]!;
      const canvas = await fixture<HTMLElement>(html`<div></div>`);
      canvas.append((story.render ?? meta.render)({ ...meta.args, ...story.args } as never));
      const el = canvas.querySelector<HeraldAdminRetention>('herald-admin-retention')!;
      await until(() => check(el), 5000);
      await expect(el).to.be.accessible();
    });
  }

  it('covers every story', () => {
    expect(
      Object.keys(stories)
        .filter((k) => k !== 'default')
        .sort(),
    ).to.deep.equal(Object.keys(expectations).sort());
  });
});
