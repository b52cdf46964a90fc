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
  title: 'Elements/Member admin/Members',
  component: 'herald-admin-members',
  args: { locale: 'en', permissions: ALL_PERMISSIONS },
  argTypes: { locale: { control: 'inline-radio', options: ['en', 'zh-CN'] }, theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'] } },
  render: (args) => host(args, html`<herald-admin-members locale=${args.locale} theme=${args.theme ?? ''}></herald-admin-members>`),
} satisfies Meta<Args>;

type Story = StoryObj<Args>;

/** As a super admin, against a mocked API shaped like the contract. */
export const Default: Story = {};
export const Chinese: Story = { args: { locale: 'zh-CN' } };
export const Dark: Story = { args: { theme: 'dark' } };

/** A department admin (scoped): no role grants, same search. */
export const DepartmentAdmin: Story = { args: { permissions: ['department.manage', 'data.view', 'message.manage'] } };
/** Enough members to page with "Load more". */
export const ManyMembers: Story = { args: { extraMembers: 180 } };
/** The server refuses (403): a readable message. */
export const Refused: Story = { args: { refuse: true } };
