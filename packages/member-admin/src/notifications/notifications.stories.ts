import type { Meta } from '@storybook/web-components-vite';
import { storyDefaults, type Story, type StoryArgs } from '../testing/story.js';
import './define.js';

/**
 * As an org admin, against a mocked API shaped like the contract (testing/mock-notify.ts). Try turning the webhook on
 * and saving without a URL, "Generate" a secret, or a test e-mail to refuse@example.com (the mock's refusing receiver).
 */
export default {
  title: 'Elements/Member admin/Notifications',
  component: 'herald-admin-notifications',
  ...storyDefaults('herald-admin-notifications'),
} satisfies Meta<StoryArgs>;

/** The server's defaults: every channel off, nothing failed. */
export const Default: Story = {};
/** E-mail and webhook on with saved secrets, the SMS gateway configured but off. */
export const ChannelsConfigured: Story = { args: { notify: 'configured' } };
/** Sixty failed deliveries: select and retry, "Retry all", "Load more". */
export const DeadLetters: Story = { args: { notify: 'configured', deadLetters: 60 } };
export const Chinese: Story = { args: { locale: 'zh-CN', notify: 'configured', deadLetters: 3 } };
export const Dark: Story = { args: { theme: 'dark', notify: 'configured', deadLetters: 3 } };
