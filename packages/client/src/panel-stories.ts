// Stories only: what every HeraldPanel story file shares (args, controls, the standard stories).
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, unsafeStatic } from 'lit/static-html.js';

export interface PanelStoryArgs {
  locale: string;
  theme?: 'light' | 'dark';
}
export type PanelStory = StoryObj<PanelStoryArgs>;

/** The shared part of a panel's default export; spread it next to the file's own `title` and `component`. */
export const panelMeta = (tag: string) => {
  const t = unsafeStatic(tag);
  return {
    args: { locale: 'en' },
    argTypes: {
      locale: { control: 'inline-radio', options: ['en', 'zh-CN'] },
      theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'] },
    },
    parameters: { herald: { session: 'signed-in' } },
    // eslint-disable-next-line lit/binding-positions, lit/no-invalid-html -- unsafeStatic tag
    render: ({ locale, theme }) => html`<${t} locale=${locale} theme=${theme ?? ''}></${t}>`,
  } satisfies Meta<PanelStoryArgs>;
};

/** The stories every panel has: default, Chinese, dark, and a host's own empty state. */
export const panelStories = (tag: string) => {
  const t = unsafeStatic(tag);
  return {
    Default: {} as PanelStory,
    Chinese: { args: { locale: 'zh-CN' } } as PanelStory,
    Dark: { args: { theme: 'dark' } } as PanelStory,
    CustomEmptyState: {
      // eslint-disable-next-line lit/binding-positions, lit/no-invalid-html -- unsafeStatic tag
      render: ({ locale }) => html`<${t} locale=${locale}><p slot="empty">Your host's own empty state.</p></${t}>`,
    } as PanelStory,
  };
};
