import type { Meta } from '@storybook/web-components-vite';
import { html } from 'lit';
import { DEPARTMENT_ADMIN, storyDefaults, storyHost, type Story, type StoryArgs } from '../testing/story.js';
import './define.js';

const defaults = storyDefaults('herald-member-admin');

export default {
  title: 'Elements/Member admin',
  component: 'herald-member-admin',
  ...defaults,
  args: { ...defaults.args, tab: 'members' },
  argTypes: {
    ...defaults.argTypes,
    tab: {
      control: 'select',
      options: ['members', 'org', 'import', 'roles', 'audit', 'contacts', 'groups', 'settings', 'notifications'],
    },
  },
} satisfies Meta<StoryArgs>;

/** A super admin sees every tab. */
export const Default: Story = {};
export const Chinese: Story = { args: { locale: 'zh-CN' } };
export const Dark: Story = { args: { theme: 'dark' } };
/** An auditor (`data.view`) sees only Members and Audit. */
export const Auditor: Story = { args: { permissions: ['data.view'], tab: 'audit' } };
/** A department admin: members, organisation, import, audit and groups. */
export const DepartmentAdmin: Story = { args: { permissions: DEPARTMENT_ADMIN, manageableUnder: 'd2', tab: 'org' } };
/** Nobody with admin rights: the (slottable) empty state. */
export const NoRights: Story = { args: { permissions: ['message.send.internal'] } };
export const CustomEmptyState: Story = {
  args: { permissions: ['message.send.internal'] },
  render: (args) =>
    storyHost(
      args,
      html`<herald-member-admin locale=${args.locale}><p slot="empty">Your host's own empty state.</p
        ></herald-member-admin>`,
    ),
};
