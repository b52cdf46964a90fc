import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { ContextProvider } from '@lit/context';
import { html, render } from 'lit';
import { createHeraldClient, createStores, heraldClientContext, heraldStoresContext } from '@herald/client';
import { alertMessage, createAlertBackend } from './mock-backend.js';
import './define.js';

interface AlertStoryArgs {
  locale: string;
  theme?: 'light' | 'dark';
  /** How many urgent messages arrive on the (mocked) live stream. */
  count: number;
  receiptRequired: boolean;
}

/** A provider-like wrapper whose client talks to the mock back end; the urgent messages arrive once it is live. */
function alertHost({ locale, theme, count, receiptRequired }: AlertStoryArgs) {
  const ids = Array.from({ length: count }, (_, i) => `s${i + 1}`);
  const backend = createAlertBackend(ids.map((id) => alertMessage(id, { receiptRequired })));
  const client = createHeraldClient({ baseUrl: location.origin, fetch: backend.fetch });
  const stores = createStores(client);
  const wrapper = document.createElement('div');
  new ContextProvider(wrapper, { context: heraldStoresContext, initialValue: stores });
  new ContextProvider(wrapper, { context: heraldClientContext, initialValue: client });
  render(
    html`<herald-urgent-alert locale=${locale} theme=${theme ?? ''} notifications="off"></herald-urgent-alert>`,
    wrapper,
  );
  void stores.start();
  void backend.ready.then(() =>
    ids.forEach((id) => backend.push('message.received', { messageId: id, priority: 'urgent' })),
  );
  return wrapper;
}

export default {
  title: 'Elements/Urgent alert',
  component: 'herald-urgent-alert',
  args: { locale: 'en', count: 1, receiptRequired: true },
  argTypes: {
    locale: { control: 'inline-radio', options: ['en', 'zh-CN'] },
    theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'] },
    count: { control: { type: 'number', min: 1, max: 5 } },
    receiptRequired: { control: 'boolean' },
  },
  render: (args) => alertHost(args),
} satisfies Meta<AlertStoryArgs>;

type Story = StoryObj<AlertStoryArgs>;
export const Default: Story = {};
export const Queue: Story = { args: { count: 3 } };
export const Chinese: Story = { args: { locale: 'zh-CN' } };
export const Dark: Story = { args: { theme: 'dark' } };
export const NoReceipt: Story = { args: { receiptRequired: false } };
