import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import type { MessageReach } from '../api/message-types.js';
import './define.js';

interface Args {
  locale: string;
  theme?: 'light' | 'dark';
  reach: MessageReach;
}
type Story = StoryObj<Args>;

const MIN = 60_000;
const notice: MessageReach = {
  messageId: 'msg1',
  deliveredAt: Date.UTC(2026, 10, 24, 9, 0),
  receiptRequired: true,
  task: false,
  counts: {
    total: 2000,
    read: 1620,
    unread: 380,
    confirmed: 1210,
    unconfirmed: 790,
    progress: { 'not-started': 2000, 'in-progress': 0, done: 0 },
  },
  timeline: {
    step: 30 * MIN,
    points: [0, 1, 2, 3, 4, 5, 6, 7, 8].map((i) => ({
      at: i * 30 * MIN,
      read: Math.round(1620 * (1 - Math.exp(-i / 2))),
      confirmed: Math.round(1210 * (1 - Math.exp(-i / 3))),
    })),
  },
  departments: [
    { key: 'd1', kind: 'department', name: '销售部', total: 640, read: 410, confirmed: 260 },
    { key: 'd2', kind: 'department', name: '技术部', total: 820, read: 760, confirmed: 600 },
    { key: 'd3', kind: 'department', name: '市场部', total: 420, read: 350, confirmed: 270 },
    { key: 'external', kind: 'external', name: null, total: 60, read: 40, confirmed: 30 },
    { key: null, kind: 'outside', name: null, total: 60, read: 60, confirmed: 50 },
  ],
};

/** <herald-message-reach> on its own (issue 24): the figures of a company notice to 2,000 people. */
export default {
  title: 'Elements/Message view/Reach',
  component: 'herald-message-reach',
  args: { locale: 'en', reach: notice },
  argTypes: {
    locale: { control: 'inline-radio', options: ['en', 'zh-CN'] },
    theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'] },
  },
  render: (args) =>
    html`<herald-message-reach locale=${args.locale} theme=${args.theme ?? nothing} .reach=${args.reach}
      @herald-reach-department-select=${(e: Event) => {
        const el = e.currentTarget as HTMLElement & { selected: string | null };
        el.selected = (e as CustomEvent<{ department: string | null }>).detail.department;
      }}></herald-message-reach>`,
} satisfies Meta<Args>;

export const Notice: Story = {};
export const Task: Story = {
  args: {
    reach: {
      ...notice,
      task: true,
      counts: { ...notice.counts, progress: { 'not-started': 900, 'in-progress': 600, done: 500 } },
    },
  },
};
export const Chinese: Story = { args: { locale: 'zh-CN' } };
export const Dark: Story = { args: { theme: 'dark' } };
