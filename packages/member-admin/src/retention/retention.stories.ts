import type { Meta } from '@storybook/web-components-vite';
import { storyDefaults, type Story, type StoryArgs } from '../testing/story.js';
import './define.js';

/**
 * As an org admin, against a mocked API shaped like the contract (testing/mock-retention.ts). Try turning the age
 * limit on with 0 days (refused: at least 1), or unticking "keep archived".
 */
export default {
  title: 'Elements/Member admin/Storage and retention',
  component: 'herald-admin-retention',
  ...storyDefaults('herald-admin-retention'),
} satisfies Meta<StoryArgs>;

/** The server's defaults: expired content goes 30 days after expiry, no age limit, no purge has run yet. */
export const Default: Story = {};
/** After a run: what it emptied, deleted, kept and freed. */
export const AfterARun: Story = { args: { retentionRun: true } };
/** Someone without org.admin (the server refuses them; the tab is hidden from them in the back office). */
export const Refused: Story = { args: { refuse: true } };
export const Chinese: Story = { args: { locale: 'zh-CN', retentionRun: true } };
export const Dark: Story = { args: { theme: 'dark', retentionRun: true } };
