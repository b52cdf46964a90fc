import type { Meta } from '@storybook/web-components-vite';
import { renderTag, storyDefaults, type Story, type StoryArgs } from '../testing/story.js';
import './define.js';

/** As a super admin, against a mocked API shaped like the contract (testing/story.ts). */
export default {
  title: 'Elements/Member admin/Import',
  component: 'herald-admin-import',
  ...storyDefaults('herald-admin-import'),
} satisfies Meta<StoryArgs>;

export const Default: Story = {};
export const Chinese: Story = { args: { locale: 'zh-CN' } };
export const Dark: Story = { args: { theme: 'dark' } };

/**
 * An uploaded file with errors: each cell's problem is next to its value; "Confirm" stays disabled until they are
 * fixed.
 */
export const ErrorState: Story = {
  args: { pendingImport: true },
  render: renderTag('herald-admin-import', { batch: 'i-demo' }),
};
/** The same, in Chinese. */
export const ErrorStateChinese: Story = {
  args: { pendingImport: true, locale: 'zh-CN' },
  render: renderTag('herald-admin-import', { batch: 'i-demo' }),
};
