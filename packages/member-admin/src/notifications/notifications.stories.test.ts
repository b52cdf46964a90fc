// Every story renders and is accessible (Storybook itself is not run by the test suite).
import { expect, fixture, html } from '@open-wc/testing';
import { until } from '../testing/mount.js';
import * as stories from './notifications.stories.js';
import type { HeraldAdminNotifications } from './notifications.js';

const meta = stories.default;
type AnyStory = { args?: object; render?: (args: never) => HTMLElement };
const $ = (el: Element, selector: string) => el.shadowRoot!.querySelector(selector);
const rows = (el: Element) => el.shadowRoot!.querySelectorAll('[part="row"]').length;

describe('notifications stories', () => {
  const expectations: Record<string, (el: HeraldAdminNotifications) => unknown> = {
    Default: (el) => $(el, '#email-host') && $(el, '[part="dead-empty"]'),
    ChannelsConfigured: (el) => $(el, '#email-password')?.getAttribute('placeholder') === 'Saved — leave empty to keep',
    DeadLetters: (el) => rows(el) === 50 && $(el, '[part="more"]'),
    Chinese: (el) => $(el, '#notify-title')?.textContent === '通知渠道' && rows(el) === 3,
    Dark: (el) => rows(el) === 3,
  };

  for (const [name, check] of Object.entries(expectations)) {
    it(`${name} renders and is accessible`, async function () {
      const story = (stories as unknown as Record<string, AnyStory>)[name]!;
      const canvas = await fixture<HTMLElement>(html`<div></div>`);
      canvas.append((story.render ?? meta.render)({ ...meta.args, ...story.args } as never));
      const el = canvas.querySelector<HeraldAdminNotifications>('herald-admin-notifications')!;
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
