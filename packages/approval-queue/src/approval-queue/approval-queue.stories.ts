import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import './define.js';

interface Args {
  locale: string;
  theme?: 'light' | 'dark';
}

export default {
  title: 'Elements/Approval queue',
  component: 'herald-approval-queue',
  args: { locale: 'en' },
  argTypes: { locale: { control: 'inline-radio', options: ['en', 'zh-CN'] }, theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'] } },
  parameters: { herald: { session: 'signed-in' } },
  render: ({ locale, theme }) => html`<herald-approval-queue locale=${locale} theme=${theme ?? ''}></herald-approval-queue>`,
} satisfies Meta<Args>;

type Story = StoryObj<Args>;

export const Default: Story = {};
export const Chinese: Story = { args: { locale: 'zh-CN' } };
export const Dark: Story = { args: { theme: 'dark' } };
export const CustomEmptyState: Story = {
  render: ({ locale }) => html`<herald-approval-queue locale=${locale}><p slot="empty">Your host's own empty state.</p></herald-approval-queue>`,
};
