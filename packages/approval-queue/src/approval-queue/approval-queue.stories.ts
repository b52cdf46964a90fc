import type { Meta } from '@storybook/web-components-vite';
import { panelMeta, panelStories, type PanelStoryArgs } from '@herald/client/panel-stories';
import './define.js';

export default {
  title: 'Elements/Approval queue',
  component: 'herald-approval-queue',
  ...panelMeta('herald-approval-queue'),
} satisfies Meta<PanelStoryArgs>;

const stories = panelStories('herald-approval-queue');
export const Default = stories.Default;
export const Chinese = stories.Chinese;
export const Dark = stories.Dark;
export const CustomEmptyState = stories.CustomEmptyState;
