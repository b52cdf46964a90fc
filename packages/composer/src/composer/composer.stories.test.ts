// Every story renders, plays and is accessible (Storybook itself is not run by the test suite).
import { expect, fixture, html } from '@open-wc/testing';
import * as stories from './composer.stories.js';
import type { HeraldComposer } from './composer.js';

const meta = stories.default;
type AnyStory = {
  args?: object;
  render?: (args: never) => HTMLElement;
  play?: (ctx: { canvasElement: HTMLElement }) => Promise<void>;
};
const until = async (check: () => unknown, ms = 5000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('composer stories', () => {
  before(async function () {
    await import('@herald/rich-text-editor/tiptap-editor');
  });

  /** Inside the body's <herald-rich-text-editor>. */
  const editor = (el: HeraldComposer) => el.shadowRoot!.querySelector('herald-rich-text-editor')?.shadowRoot;
  const expectations: Record<string, (el: HeraldComposer) => unknown> = {
    Empty: (el) => editor(el)?.querySelector('.ProseMirror'),
    Chinese: (el) => el.shadowRoot!.querySelector('h2')?.textContent === '新消息',
    Dark: (el) => editor(el)?.querySelector('.ProseMirror'),
    Filled: (el) =>
      el.shadowRoot!.querySelector<HTMLInputElement>('#subject')?.value && editor(el)?.querySelector('.ProseMirror ul'),
    Uploading: (el) =>
      el.shadowRoot!.querySelector('[part="file"] progress') && el.shadowRoot!.querySelector('[part="file"].invalid'),
    Errors: (el) =>
      el.shadowRoot!.querySelector('#chip-error-1') &&
      editor(el)?.querySelector<HTMLElement>('#error')?.hidden === false,
    Preview: (el) => el.shadowRoot!.querySelector('.preview-total')?.textContent?.includes('13 people'),
    NoPermission: (el) => el.shadowRoot!.querySelector('[part="empty"]'),
    UseTemplate: (el) => el.shadowRoot!.querySelectorAll('#templates [role="option"]').length === 3,
    SaveAsTemplate: (el) => el.shadowRoot!.querySelectorAll('input[name="template-scope"]').length === 2,
    ScheduleSend: (el) => el.shadowRoot!.querySelector<HTMLDialogElement>('#schedule-dialog')?.open,
  };

  for (const [name, check] of Object.entries(expectations)) {
    it(`${name} renders, plays and is accessible`, async function () {
      const story = (stories as unknown as Record<string, AnyStory>)[name]!;
      const args = { ...meta.args, ...story.args } as never;
      const canvas = await fixture<HTMLElement>(html`<div></div>`);
      canvas.append((story.render ?? meta.render)(args));
      const el = canvas.querySelector<HeraldComposer>('herald-composer')!;
      await story.play?.({ canvasElement: canvas });
      await until(() => check(el));
      await expect(el).to.be.accessible();
    });
  }
});
