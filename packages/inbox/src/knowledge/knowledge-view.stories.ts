import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { createHeraldClient } from '@herald/client';
import { hostWith } from '../message/testing/story-host.js';
import { createKnowledgeMock, type KnowledgeMockOptions } from './testing/mock-backend.js';
import './define.js';

interface Args {
  locale: string;
  theme?: 'light' | 'dark';
}
type Story = StoryObj<Args>;

/** The knowledge view over the in-memory knowledge space. */
function host(options: KnowledgeMockOptions, args: Args): HTMLElement {
  const backend = createKnowledgeMock({ latencyMs: 120, ...options });
  const client = createHeraldClient({ baseUrl: location.origin, fetch: backend.fetch });
  const { wrapper } = hostWith(
    html`<herald-knowledge-view locale=${args.locale} theme=${args.theme ?? ''}></herald-knowledge-view>`,
    client,
  );
  return wrapper;
}

/**
 * Issue 19 #7 (S4 知识库): what was published for the organisation or the reader's departments, found by search
 * (Chinese included) and tag, read read-only with its files.
 */
export default {
  title: 'Elements/Knowledge view',
  component: 'herald-knowledge-view',
  args: { locale: 'en' },
  argTypes: {
    locale: { control: 'inline-radio', options: ['en', 'zh-CN'] },
    theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'] },
  },
  render: (args) => host({}, args),
} satisfies Meta<Args>;

/** Two items: the HR holiday notice for everyone and a 技术部 lesson with a file; two tags. */
export const Published: Story = {};

/** Nothing published for this reader yet. */
export const Empty: Story = { render: (args) => host({ items: [], tags: [] }, args) };

/** In Chinese. */
export const Chinese: Story = { args: { locale: 'zh-CN' } };

/** The dark theme. */
export const Dark: Story = { args: { theme: 'dark' } };
