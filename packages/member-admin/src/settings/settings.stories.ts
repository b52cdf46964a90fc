import type { Meta } from '@storybook/web-components-vite';
import { storyDefaults, type Story, type StoryArgs } from '../testing/story.js';
import './define.js';

/**
 * As a super admin, against a mocked API shaped like the contract (testing/story.ts). Try adding `bad_domain` and
 * saving.
 */
export default {
  title: 'Elements/Member admin/Settings',
  component: 'herald-admin-settings',
  ...storyDefaults('herald-admin-settings'),
} satisfies Meta<StoryArgs>;

export const Default: Story = {};
export const Chinese: Story = { args: { locale: 'zh-CN' } };
export const Dark: Story = { args: { theme: 'dark' } };
/** Anyone without `org.admin` (used alone, outside the back office): the policy read only. */
export const ReadOnly: Story = { args: { permissions: ['message.send.internal'] } };
