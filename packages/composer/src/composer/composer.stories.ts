import type { Meta } from '@storybook/web-components-vite';
import { panelMeta, panelStories, type PanelStoryArgs } from '@herald/client/panel-stories';
import './define.js';

export default {
  title: 'Elements/Composer',
  component: 'herald-composer',
  ...panelMeta('herald-composer'),
} satisfies Meta<PanelStoryArgs>;

const stories = panelStories('herald-composer');
export const Default = stories.Default;
export const Chinese = stories.Chinese;
export const Dark = stories.Dark;
export const CustomEmptyState = stories.CustomEmptyState;
