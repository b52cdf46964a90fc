import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { inboxHost } from '../testing/story-host.js';
import '../define.js';

type Story = StoryObj<{ locale: string; theme?: string; count: number }>;

/** The badge shares its store with the inbox below it: both always show the same number. */
export default {
  title: 'Elements/Unread badge',
  component: 'herald-unread-badge',
  args: { locale: 'en', count: 30 },
  argTypes: {
    locale: { control: 'inline-radio', options: ['en', 'zh-CN'] },
    theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'] },
  },
  render: (args) => inboxHost(args),
} satisfies Meta<{ locale: string; theme?: string; count: number }>;

export const Default: Story = {};
export const Many: Story = { name: '99+', args: { count: 400 } };
export const Chinese: Story = { args: { locale: 'zh-CN' } };
export const Dark: Story = { args: { theme: 'dark' } };
