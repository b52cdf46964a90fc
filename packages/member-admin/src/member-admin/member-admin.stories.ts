import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { Permission } from '@herald/client';
import { ALL_PERMISSIONS } from '../testing/mock-backend.js';
import { mockHost } from '../testing/story-host.js';
import './define.js';

interface Args {
  locale: string;
  theme?: 'light' | 'dark';
  tab: string;
  permissions: Permission[];
}

export default {
  title: 'Elements/Member admin',
  component: 'herald-member-admin',
  args: { locale: 'en', tab: 'members', permissions: ALL_PERMISSIONS },
  argTypes: {
    locale: { control: 'inline-radio', options: ['en', 'zh-CN'] },
    theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'] },
    tab: { control: 'select', options: ['members', 'org', 'import', 'roles', 'audit', 'contacts', 'groups'] },
  },
  render: ({ locale, theme, tab, permissions }) =>
    mockHost(html`<herald-member-admin locale=${locale} theme=${theme ?? ''} tab=${tab}></herald-member-admin>`, { permissions }),
} satisfies Meta<Args>;

type Story = StoryObj<Args>;

/** A super admin sees every tab. */
export const Default: Story = {};
export const Chinese: Story = { args: { locale: 'zh-CN' } };
export const Dark: Story = { args: { theme: 'dark' } };
/** An auditor (`data.view`) sees only Members and Audit. */
export const Auditor: Story = { args: { permissions: ['data.view'], tab: 'audit' } };
/** A department admin: members, organisation, import, audit and groups. */
export const DepartmentAdmin: Story = { args: { permissions: ['department.manage', 'data.view', 'message.manage'], tab: 'org' } };
/** Nobody with admin rights: the (slottable) empty state. */
export const NoRights: Story = { args: { permissions: ['message.send.internal'] } };
export const CustomEmptyState: Story = {
  args: { permissions: ['message.send.internal'] },
  render: ({ locale, permissions }) => mockHost(html`<herald-member-admin locale=${locale}><p slot="empty">Your host's own empty state.</p></herald-member-admin>`, { permissions }),
};
