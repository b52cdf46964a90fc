import type { Meta } from '@storybook/web-components-vite';
import { DEPARTMENT_ADMIN, storyDefaults, type Story, type StoryArgs } from '../testing/story.js';
import './define.js';

/** As a super admin, against a mocked API shaped like the contract (testing/story.ts). */
export default {
  title: 'Elements/Member admin/Organisation',
  component: 'herald-admin-org',
  ...storyDefaults('herald-admin-org'),
} satisfies Meta<StoryArgs>;

export const Default: Story = {};
export const Chinese: Story = { args: { locale: 'zh-CN' } };
export const Dark: Story = { args: { theme: 'dark' } };

/**
 * A department admin of 技术部: only that subtree, as a root; its root can get sub-departments but not be renamed or
 * moved.
 */
export const DepartmentAdmin: Story = { args: { permissions: DEPARTMENT_ADMIN, manageableUnder: 'd2' } };
