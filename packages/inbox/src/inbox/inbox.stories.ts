import type { Meta } from '@storybook/web-components-vite';
import { panelMeta, panelStories, type PanelStoryArgs } from '@herald/client/panel-stories';
import './define.js';

export default {
  title: 'Elements/Inbox',
  component: 'herald-inbox',
  ...panelMeta('herald-inbox'),
} satisfies Meta<PanelStoryArgs>;

const stories = panelStories('herald-inbox');
export const Default = stories.Default;
export const Chinese = stories.Chinese;
export const Dark = stories.Dark;
export const CustomEmptyState = stories.CustomEmptyState;
