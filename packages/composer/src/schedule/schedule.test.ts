// Issue 20 #1: scheduled send in <herald-composer> — the lazy picker (keyboard, screen reader, both locales), the
// time it sends, and what the composer says afterwards. A restored draft makes the form valid without typing.
import { expect, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@herald/client/testing/keys';
import { filledDraft } from '../testing/story-host.js';
import { $, mountMock, until } from '../testing/mount.js';
import type { HeraldComposer } from '../composer/composer.js';
import { quickTimes, toLocalInput } from './times.js';
import '../composer/define.js';

const mount = (locale = 'en', options = {}) =>
  mountMock<HeraldComposer>(html`<herald-composer locale=${locale}></herald-composer>`, {
    drafts: filledDraft(),
    ...options,
  });
const text = (el: Element | null) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const dialogOf = (el: HeraldComposer) => $<HTMLDialogElement>(el, '#schedule-dialog');
const restored = (el: HeraldComposer) => until(() => $<HTMLInputElement>(el, '#subject')?.value, 4000, 'the draft');
const activeId = (el: HeraldComposer) => el.shadowRoot!.activeElement?.id;

async function openPicker(el: HeraldComposer) {
  $<HTMLButtonElement>(el, '#schedule').click();
  await until(() => dialogOf(el)?.open, 4000, 'the schedule dialog');
}

describe('<herald-composer> scheduled send (issue 20 #1)', () => {
  it('"Schedule…" opens the lazy picker: a labelled modal, the time zone said, focus on the field', async () => {
    const { el } = await mount();
    await restored(el);
    expect(text($(el, '#schedule'))).to.equal('Schedule…');
    expect($(el, '#schedule').getAttribute('aria-haspopup')).to.equal('dialog');
    await openPicker(el);
    const dialog = dialogOf(el);
    expect(text($(el, '#schedule-title'))).to.equal('Schedule send');
    expect(dialog.getAttribute('aria-labelledby')).to.equal('schedule-title');
    expect(activeId(el)).to.equal('schedule-at');
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(text($(el, '#schedule-zone'))).to.equal(`Times are in your time zone, ${zone}.`);
    expect($(el, '#schedule-at').getAttribute('aria-describedby')).to.equal('schedule-zone schedule-at-error');
    await expect(el).to.be.accessible();
    // Escape closes it and gives focus back to the button.
    await sendKeys({ press: 'Escape' });
    await until(() => !dialogOf(el).open, 2000, 'closed');
    await until(() => activeId(el) === 'schedule', 2000, 'focus back on "Schedule…"');
  });

  it('a suggestion sets the time; Send becomes "Schedule" and sends scheduledAt; then it says when', async () => {
    const { el, backend } = await mount();
    await restored(el);
    await openPicker(el);
    const tomorrow = quickTimes(Date.now()).find((q) => q.key === 'tomorrow')!.at;
    $<HTMLButtonElement>(el, '[data-quick="tomorrow"]').click();
    await until(() => !dialogOf(el).open && $(el, '#schedule-summary'), 2000, 'the time chosen');
    const time = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(tomorrow);
    expect(text($(el, '#schedule-summary'))).to.equal(`Will be sent ${time}`);
    expect(text($(el, '#schedule'))).to.equal('Change time');
    expect(text($(el, '#send'))).to.equal('Schedule');
    await expect(el).to.be.accessible();
    const sent = oneEvent(el, 'herald-message-sent');
    $<HTMLButtonElement>(el, '#send').click();
    const message = (await sent).detail;
    expect(message.status).to.equal('scheduled');
    expect(backend.sent[0]!.body.scheduledAt).to.equal(tomorrow);
    expect(text($(el, '#form-status'))).to.equal(
      `Scheduled: it will be sent ${time}. Change or cancel it in Sent until then.`,
    );
    // The next message is sent now again.
    expect(text($(el, '#send'))).to.equal('Send');
    expect($(el, '#schedule-summary')).to.equal(null);
  });

  it('refuses a time in the past next to the field; "Send now instead" clears a chosen time', async () => {
    const { el, backend } = await mount();
    await restored(el);
    await openPicker(el);
    const input = $<HTMLInputElement>(el, '#schedule-at');
    input.value = toLocalInput(Date.now() - 60 * 60_000);
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    $<HTMLButtonElement>(el, '#schedule-set').click();
    await until(() => text($(el, '#schedule-at-error')), 2000, 'the error');
    expect(text($(el, '#schedule-at-error'))).to.equal('Choose a time in the future.');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(dialogOf(el).open).to.equal(true);
    // A good time, typed and confirmed with Enter.
    const later = Date.now() + 3 * 60 * 60_000;
    input.value = toLocalInput(later);
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    input.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => $(el, '#schedule-summary'), 2000, 'the time chosen');
    $<HTMLButtonElement>(el, '#schedule-clear').click();
    await until(() => !$(el, '#schedule-summary'), 2000, 'cleared');
    $<HTMLButtonElement>(el, '#send').click();
    await until(() => backend.sent.length === 1, 3000, 'sent');
    expect(backend.sent[0]!.body.scheduledAt).to.equal(undefined);
  });

  it('speaks Chinese in zh-CN, picker included', async () => {
    const { el } = await mount('zh-CN');
    await restored(el);
    expect(text($(el, '#schedule'))).to.equal('定时发送…');
    await openPicker(el);
    expect(text($(el, '#schedule-title'))).to.equal('定时发送');
    expect(text($(el, '[data-quick="tomorrow"]'))).to.contain('明天上午');
    await expect(el).to.be.accessible();
  });
});
