import type { Meta } from '@storybook/web-components-vite';
import { DEPARTMENT_ADMIN, storyDefaults, type Story, type StoryArgs } from '../testing/story.js';
import './define.js';

/** As a super admin, against a mocked API shaped like the contract (testing/story.ts). */
export default {
  title: 'Elements/Member admin/Members',
  component: 'herald-admin-members',
  ...storyDefaults('herald-admin-members'),
} satisfies Meta<StoryArgs>;

export const Default: Story = {};
export const Chinese: Story = { args: { locale: 'zh-CN' } };
export const Dark: Story = { args: { theme: 'dark' } };

/** A department admin of 技术部: no role grants, same search, only its departments to filter by. */
export const DepartmentAdmin: Story = { args: { permissions: DEPARTMENT_ADMIN, manageableUnder: 'd2' } };
/** Enough members to page with "Load more". */
export const ManyMembers: Story = { args: { extraMembers: 180 } };
/** The server refuses (403): a readable message. */
export const Refused: Story = { args: { refuse: true } };
