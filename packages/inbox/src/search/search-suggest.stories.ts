// Issue 20 #8: the inbox's search box with its suggestions open (operators, people, a bad day) in both locales.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { inboxHost, inboxReady, type StoryOptions } from '../testing/story-host.js';
import '../define.js';

type Args = Pick<StoryOptions, 'locale' | 'theme'> & { typed: string };
type Story = StoryObj<Args>;

/** Types `typed` into the search box once its suggestions are listening (they load with the inbox's actions). */
async function typeInto(canvasElement: HTMLElement, typed: string) {
  const el = await inboxReady(canvasElement);
  const box = el.shadowRoot!.querySelector<HTMLInputElement>('input.search')!;
  box.focus();
  for (let i = 0; i < 100 && !el.shadowRoot!.querySelector('#search-problem'); i++)
    await new Promise((r) => setTimeout(r, 50));
  box.value = typed;
  box.dispatchEvent(new Event('input', { bubbles: true }));
}

export default {
  title: 'Elements/Inbox/Search syntax',
  component: 'herald-inbox',
  args: { locale: 'en', typed: 'report fr' },
  argTypes: {
    locale: { control: 'inline-radio', options: ['en', 'zh-CN'] },
    theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'] },
    typed: { control: 'text' },
  },
  render: (args) => inboxHost(args),
  play: async ({ canvasElement, args }) => typeInto(canvasElement, args.typed),
} satisfies Meta<Args>;

/** An operator being typed: `fr` → `from:`, with what it finds. */
export const Operators: Story = {};

/** `from:` suggests people from the directory (name, pinyin or employee number). */
export const People: Story = { args: { typed: 'from:b' } };

/** 中文界面：`is:` 的取值。 */
export const Chinese: Story = { args: { locale: 'zh-CN', typed: 'is:' } };

/** A day that is not one: said under the box, and not searched until it is a day. */
export const BadDay: Story = { name: 'Bad day', args: { typed: 'before:2026-13-45' } };
