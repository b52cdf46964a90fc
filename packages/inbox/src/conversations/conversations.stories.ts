// Issue 19 #5: the customer queue (staff and customer) and the new-conversation form, on the mock back end.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { createHeraldClient } from '@herald/client';
import { hostWith } from '../message/testing/story-host.js';
import { conversation, createMockConversations, HELPER, type MockOptions } from './testing/mock-backend.js';
import './define.js';

interface Args {
  locale: string;
  theme?: 'light' | 'dark';
}
type Story = StoryObj<Args>;

const ITEMS = [
  conversation({ id: 'c1', subject: '发票抬头有误', status: 'open', updatedAt: 3 }),
  conversation({
    id: 'c2',
    subject: '退货申请',
    status: 'waiting',
    updatedAt: 2,
    group: { id: 'g', name: '售后服务组' },
    assignee: HELPER,
  }),
  conversation({ id: 'c3', subject: 'Delivery date', status: 'resolved', updatedAt: 1 }),
];

/** A story's canvas: one element in providers whose client talks to the mock back end (live stream open). */
function canvas(tag: 'queue' | 'form', options: MockOptions, args: Args): HTMLElement {
  const backend = createMockConversations(options);
  const client = createHeraldClient({ baseUrl: location.origin, fetch: backend.fetch, xhr: backend.xhr });
  const { wrapper } = hostWith(
    tag === 'queue'
      ? html`<herald-customer-queue locale=${args.locale} theme=${args.theme ?? ''}></herald-customer-queue>`
      : html`<herald-conversation-form locale=${args.locale} theme=${args.theme ?? ''}></herald-conversation-form>`,
    client,
  );
  client.live.start();
  return wrapper;
}

export default {
  title: 'Elements/Customer conversations',
  args: { locale: 'en' },
  argTypes: { locale: { control: 'radio', options: ['en', 'zh-CN'] } },
} satisfies Meta<Args>;

export const StaffQueue: Story = { render: (args) => canvas('queue', { items: ITEMS }, args) };
export const CustomerOwn: Story = {
  render: (args) =>
    canvas('queue', { as: 'contact', items: ITEMS.map((c) => ({ ...c, can: { update: false } })) }, args),
};
export const NewConversation: Story = { render: (args) => canvas('form', { as: 'contact' }, args) };
export const NobodyToWriteTo: Story = {
  render: (args) => canvas('form', { as: 'contact', targets: { owner: null, groups: [] } }, args),
};
export const Chinese: Story = { args: { locale: 'zh-CN' }, render: (args) => canvas('queue', { items: ITEMS }, args) };
export const Dark: Story = {
  args: { theme: 'dark' },
  render: (args) => canvas('queue', { items: ITEMS }, args),
};
