import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import './define.js';

interface Args {
  locale: string;
  theme?: 'light' | 'dark';
}

export default {
  title: 'Elements/Member admin',
  component: 'herald-member-admin',
  args: { locale: 'en' },
  argTypes: { locale: { control: 'inline-radio', options: ['en', 'zh-CN'] }, theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'] } },
  parameters: { herald: { session: 'signed-in' } },
  render: ({ locale, theme }) => html`<herald-member-admin locale=${locale} theme=${theme ?? ''}></herald-member-admin>`,
} satisfies Meta<Args>;

type Story = StoryObj<Args>;

export const Default: Story = {};
export const Chinese: Story = { args: { locale: 'zh-CN' } };
export const Dark: Story = { args: { theme: 'dark' } };
export const CustomEmptyState: Story = {
  render: ({ locale }) => html`<herald-member-admin locale=${locale}><p slot="empty">Your host's own empty state.</p></herald-member-admin>`,
};
