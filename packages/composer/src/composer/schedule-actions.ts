// Issue 20 #1: the "Schedule…" button beside Send and, once a time is chosen, when it will be sent and a way back to
// sending now. The picker itself is a lazy chunk (schedule/schedule.ts); this is all the first load carries of it.
import { html, nothing, type TemplateResult } from 'lit';
import type { ComposerContext } from './context.js';
import { localToEpoch } from './state.js';

/** A chosen time in words, in the viewer's locale and time zone. */
export const scheduleTime = (ctx: ComposerContext, at: number) =>
  new Intl.DateTimeFormat(ctx.i18n.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(at);

export function renderScheduleActions(ctx: ComposerContext, open: () => void): TemplateResult {
  const { t } = ctx;
  const at = localToEpoch(ctx.state().scheduledAt);
  return html`<button type="button" class="secondary" id="schedule" aria-haspopup="dialog"
      aria-describedby=${at ? 'schedule-summary' : nothing} @click=${open}
      >${t(at ? 'composer.schedule.change' : 'composer.schedule')}</button>
    ${
      at
        ? html`<span id="schedule-summary">${t('composer.schedule.at', { time: scheduleTime(ctx, at) })}</span>
          <button type="button" class="secondary" id="schedule-clear"
            @click=${() => ctx.update({ scheduledAt: '' }, 'schedule')}>${t('composer.schedule.clear')}</button>`
        : nothing
    }
    ${ctx.renderError('schedule')}`;
}
