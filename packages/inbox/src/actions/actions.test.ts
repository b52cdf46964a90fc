// Issue 16: the inbox's batch bar, batch actions and tag form are a lazy chunk (actions.ts). Used, they load and work
// with no broken state in between: what is selected shows while the chunk loads, then the bar's actions, styled.
// Its own file, so its page starts without the chunk.
import { expect } from '@open-wc/testing';
import { html } from 'lit';
import '../define.js';
import type { HeraldInbox } from '../inbox/inbox.js';
import { $, $$, ignoreResizeObserverLoop, mountInbox, until } from '../testing/mount.js';
import { actionsPart } from './load.js';

const mount = () =>
  mountInbox<HeraldInbox>(
    html`<herald-inbox locale="en" style="--herald-inbox-height: 30rem; width: 1100px"></herald-inbox>`,
    {},
  );
const rows = (el: HeraldInbox) => [
  ...($(el, 'lit-virtualizer')?.querySelectorAll<HTMLElement>('[role="option"]') ?? []),
];
const ready = async (el: HeraldInbox) => until(() => rows(el).length > 0, 4000, 'rows');

describe('issue 16: the inbox actions chunk', function () {
  before(ignoreResizeObserverLoop);

  it('is not in the first load; the first selection brings the batch bar, styled, and its actions work', async () => {
    const { el, backend } = await mount();
    await ready(el);
    expect(actionsPart(), 'loaded before it was used').to.equal(undefined);
    rows(el)[0]!.querySelector<HTMLElement>('[data-check]')!.click();
    // At once: what is selected (the bar's actions follow with the chunk).
    await until(() => $(el, '.batch-bar')?.textContent?.includes('1 selected'), 2000, 'the selection shown');
    await el.updateComplete; // includes the chunk's arrival
    const bar = $(el, '[part="batch-bar"]');
    expect(getComputedStyle(bar.querySelector('.actions')!).display).to.equal('flex'); // its styles came with it
    bar.querySelector<HTMLElement>('[data-action="archive"]')!.click();
    await until(() => backend.calls.some((c) => c.path === '/mailbox/batch'), 3000, 'the batch sent');
    expect(backend.calls.find((c) => c.path === '/mailbox/batch')!.body).to.include({ action: 'archive' });
    await until(() => $(el, '[part="batch-status"]').textContent!.includes('changed'), 3000, 'the outcome');
  });

  it('brings the inline tag form, styled, and saving a new tag works', async () => {
    const { el, backend } = await mount();
    await ready(el);
    $$<HTMLButtonElement>(el, 'button')
      .find((b) => b.getAttribute('aria-label') === 'New tag in My tags')!
      .click();
    await el.updateComplete;
    const form = $(el, '.tag-form');
    expect(getComputedStyle(form).display).to.equal('flex');
    form.querySelector('input')!.value = 'Lazy';
    form.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await until(() => backend.tags.some((t) => t.name === 'Lazy'), 3000, 'the tag saved');
  });
});
