import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { FORWARDABLE } from '../testing/mock-backend.js';
import { composerHost } from '../testing/story-host.js';
import type { HeraldComposer } from '../composer/composer.js';
import '../composer/define.js';

interface Args {
  locale: string;
  theme?: 'light' | 'dark';
}
type Story = StoryObj<Args>;

/** Waits for the composer's form (the member's permissions have arrived), then forwards the stubbed message. */
async function forward(canvas: HTMLElement, id: string = FORWARDABLE.id): Promise<HeraldComposer> {
  const el = canvas.querySelector('herald-composer')!;
  const end = Date.now() + 5000;
  while (!el.shadowRoot?.querySelector('#recipients') && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  await el.forward(id);
  return el;
}

/**
 * Issue 20 #4: forwarding a received message. The host calls `composer.forward(messageId)` when the reading pane fires
 * `herald-message-forward`; the composer shows the message as it will be quoted, with its files, and the subject
 * prefilled, and the member picks recipients and writes above it.
 */
export default {
  title: 'Elements/Composer/Forward',
  component: 'herald-composer',
  args: { locale: 'en' },
  argTypes: {
    locale: { control: 'inline-radio', options: ['en', 'zh-CN'] },
    theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'] },
  },
  render: (args) => composerHost({ locale: args.locale, theme: args.theme }),
  play: async ({ canvasElement }) => void (await forward(canvasElement)),
} satisfies Meta<Args>;

/** The forwarded message under the editor: "Forwarded from 王经理, …", its subject, text and file. */
export const Forward: Story = {};

export const Chinese: Story = { args: { locale: 'zh-CN' } };

export const Dark: Story = { args: { theme: 'dark' } };

/** The message can no longer be read (recalled, expired, not received): said, with "Do not forward it". */
export const CannotForward: Story = {
  play: async ({ canvasElement }) => void (await forward(canvasElement, 'recalled-message')),
};
