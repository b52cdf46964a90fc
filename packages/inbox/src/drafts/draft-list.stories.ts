import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { draftListHost, SAMPLE_DRAFTS } from './testing/story-host.js';
import './define.js';

interface Args {
  locale: string;
  theme?: 'light' | 'dark';
}
type Story = StoryObj<Args>;

/** Issue 20 #2: the inbox's Drafts view — every draft, newest first; continue one, or delete it (with Undo). */
export default {
  title: 'Elements/Draft list',
  component: 'herald-draft-list',
  args: { locale: 'en' },
  argTypes: {
    locale: { control: 'inline-radio', options: ['en', 'zh-CN'] },
    theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'] },
  },
  render: (args) => draftListHost(SAMPLE_DRAFTS, { locale: args.locale, theme: args.theme }),
} satisfies Meta<Args>;

/** Three drafts: one with subject, recipients, text and attachments; one without a subject; one still empty. */
export const Drafts: Story = {};

/** No drafts yet. */
export const Empty: Story = { render: (args) => draftListHost([], { locale: args.locale, theme: args.theme }) };

/** The same list in Chinese. */
export const Chinese: Story = { args: { locale: 'zh-CN' } };

/** The dark theme. */
export const Dark: Story = { args: { theme: 'dark' } };
