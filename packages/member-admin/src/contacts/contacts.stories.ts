import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import type { Permission } from '@herald/client';
import { ALL_PERMISSIONS } from '../testing/mock-backend.js';
import { mockHost } from '../testing/story-host.js';
import './define.js';

interface Args {
  locale: string;
  theme?: 'light' | 'dark';
  permissions: Permission[];
  extraMembers?: number;
  refuse?: boolean;
  pendingImport?: boolean;
}

const host = (args: Args, content: TemplateResult) =>
  mockHost(content, { permissions: args.permissions, extraMembers: args.extraMembers, pendingImport: args.pendingImport, refuse: args.refuse ? { status: 403, code: 'forbidden' } : undefined });

export default {
  title: 'Elements/Member admin/Contacts',
  component: 'herald-admin-contacts',
  args: { locale: 'en', permissions: ALL_PERMISSIONS },
  argTypes: { locale: { control: 'inline-radio', options: ['en', 'zh-CN'] }, theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'] } },
  render: (args) => host(args, html`<herald-admin-contacts locale=${args.locale} theme=${args.theme ?? ''}></herald-admin-contacts>`),
} satisfies Meta<Args>;

type Story = StoryObj<Args>;

/** As a super admin, against a mocked API shaped like the contract. */
export const Default: Story = {};
export const Chinese: Story = { args: { locale: 'zh-CN' } };
export const Dark: Story = { args: { theme: 'dark' } };
