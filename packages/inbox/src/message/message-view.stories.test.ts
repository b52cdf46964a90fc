// Every story renders and is accessible (Storybook itself is not run by the test suite).
import { expect, fixture, html } from '@open-wc/testing';
import * as stories from './message-view.stories.js';
import type { HeraldMessageView } from './message-view.js';
import { until } from './testing/mount.js';

const meta = stories.default;
type AnyStory = { args?: object; render?: (args: never) => HTMLElement };
const q = (el: Element, s: string) => el.shadowRoot?.querySelector(s);

describe('message view stories', () => {
  const expectations: Record<string, (el: HeraldMessageView) => unknown> = {
    Normal: (el) => q(el, '[part=body] ul') && q(el, '[part=attachments]'),
    ReceiptRequired: (el) => q(el, '#confirm'),
    TaskLike: (el) => q(el, '#progress'),
    Thread: (el) => el.shadowRoot!.querySelectorAll('.thread-item').length === 3 && q(el, '[part=reply]'),
    SenderView: (el) => q(el, '#receipts-rows tr') && q(el, '#recall'),
    SenderWithNotifications: (el) =>
      el.shadowRoot!.querySelectorAll('.notify-chip').length === 12 && q(el, '#notify-failed'),
    SenderReach: (el) =>
      q(el, 'herald-message-reach')?.shadowRoot?.querySelectorAll('button.bar-row').length === 2 &&
      q(el, 'herald-message-reach')?.shadowRoot?.querySelector('#progress'),
    SenderContactLinks: (el) => q(el, 'section.contact-links button.revoke-link'),
    Recalled: (el) => q(el, '[data-state=recalled]'),
    Expired: (el) => q(el, '[data-state=expired]'),
    Expiring: (el) => q(el, '[data-state=expires]'),
    Purged: (el) => q(el, '[data-state=purged]') && !q(el, '[part=body]'),
    FlaggedLink: (el) => el.shadowRoot!.querySelectorAll('a.flagged').length === 2,
    Images: (el) => q(el, 'img.preview'),
    Chinese: (el) => q(el, '#confirm')?.textContent === '确认已读',
    PublishToKnowledge: (el) => q(el, '#knowledge-publish')?.textContent === 'Publish to knowledge space',
    Dark: (el) => el.getAttribute('theme') === 'dark' && q(el, '.notify-chip[data-status=dead]'),
  };

  for (const [name, check] of Object.entries(expectations)) {
    it(`${name} renders and is accessible`, async function () {
      const story = (stories as unknown as Record<string, AnyStory>)[name]!;
      const args = { ...meta.args, ...story.args } as never;
      const canvas = await fixture<HTMLElement>(html`<div></div>`);
      canvas.append((story.render ?? meta.render)(args));
      await until(() => canvas.querySelector('herald-message-view'), 5000, 'the element');
      const el = canvas.querySelector<HeraldMessageView>('herald-message-view')!;
      await until(() => check(el), 5000, name);
      await expect(el).to.be.accessible();
    });
  }
});
