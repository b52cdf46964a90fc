import type { Meta } from '@storybook/web-components-vite';
import { storyDefaults, type Story, type StoryArgs } from '../testing/story.js';
import './define.js';

/** The reach dashboard (issue 24) as an organisation-wide viewer, against figures shaped like the API's. */
export default {
  title: 'Elements/Member admin/Reach',
  component: 'herald-admin-reach',
  ...storyDefaults('herald-admin-reach'),
} satisfies Meta<StoryArgs>;

export const Default: Story = {};
export const Chinese: Story = { args: { locale: 'zh-CN' } };
export const Dark: Story = { args: { theme: 'dark' } };
