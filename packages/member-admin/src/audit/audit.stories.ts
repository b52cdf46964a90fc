import type { Meta } from '@storybook/web-components-vite';
import { storyDefaults, type Story, type StoryArgs } from '../testing/story.js';
import './define.js';

/** As a super admin, against a mocked API shaped like the contract (testing/story.ts). */
export default {
  title: 'Elements/Member admin/Audit',
  component: 'herald-admin-audit',
  ...storyDefaults('herald-admin-audit'),
} satisfies Meta<StoryArgs>;

export const Default: Story = {};
export const Chinese: Story = { args: { locale: 'zh-CN' } };
export const Dark: Story = { args: { theme: 'dark' } };
