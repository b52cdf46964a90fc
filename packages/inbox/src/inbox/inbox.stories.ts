import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { inboxHost, inboxReady, type StoryOptions } from '../testing/story-host.js';
import { MANAGER } from '../testing/mock-backend.js';
import '../define.js';

type Args = Pick<StoryOptions, 'locale' | 'theme' | 'count' | 'view' | 'asContact' | 'tags' | 'mentioned'>;
type Story = StoryObj<Args>;

export default {
  title: 'Elements/Inbox',
  component: 'herald-inbox',
  args: { locale: 'en', count: 40, view: 'inbox' },
  argTypes: {
    locale: { control: 'inline-radio', options: ['en', 'zh-CN'] },
    theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'] },
    view: { control: 'inline-radio', options: ['inbox', 'sent', 'archived', 'trash'] },
    count: { control: 'number' },
  },
  render: (args) => inboxHost(args),
} satisfies Meta<Args>;

/**
 * A mailbox of 40 entries: pinned urgent ones, unread weight, tags, attachments, due dates, recalled and expired rows.
 */
export const Default: Story = {};

export const Chinese: Story = { args: { locale: 'zh-CN' } };

export const Dark: Story = { args: { theme: 'dark' } };

export const Empty: Story = { args: { count: 0 } };

/** The first page never arrives. */
export const Loading: Story = { render: (args) => inboxHost({ ...args, neverAnswer: true }) };

/** The server fails: a readable message and "Try again". */
export const Failed: Story = {
  name: 'Error',
  render: (args) => inboxHost({ ...args, listError: 'internal' }),
};

/** 10,000 entries, paged 50 at a time as the list scrolls (virtualised). */
export const TenThousand: Story = { name: '10,000 items', args: { count: 10_000 } };

/** What I sent, with read and confirmed counts. */
export const SentView: Story = { name: 'Sent view', args: { view: 'sent' } };

/** The tag tree expanded, for a manager who may edit organisation tags. */
export const TagTree: Story = {
  name: 'Tag tree',
  render: (args) => inboxHost({ ...args, permissions: MANAGER }),
  play: async ({ canvasElement }) => {
    const el = await inboxReady(canvasElement);
    for (let i = 0; i < 3; i++) {
      const closed = [
        ...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button.disclosure[aria-expanded="false"]'),
      ];
      closed.forEach((b) => b.click());
      await new Promise((r) => setTimeout(r, 50));
    }
  },
};

/** Three entries selected: the batch bar with its actions. */
export const Selection: Story = {
  name: 'Selection and batch bar',
  play: async ({ canvasElement }) => {
    const el = await inboxReady(canvasElement);
    const checks = [...el.shadowRoot!.querySelectorAll<HTMLElement>('lit-virtualizer [data-check]')].slice(0, 3);
    for (const check of checks) check.click();
  },
};

/**
 * The customer portal (S5–S7): an external contact signed in with a portal token sees only their own conversations, no
 * organisation tags to manage.
 */
export const Portal: Story = { args: { asContact: true, count: 6, tags: [], locale: 'zh-CN' } };

/**
 * Issue 19 #9: senders manage what they sent — in Sent, two messages selected: the sender's batch bar (Add tag…,
 * Archive, More… with Star), and the Filters' "Archived" toggle for Sent › Archived.
 */
export const SentSelection: Story = {
  name: 'Sent: selection and the sender’s actions',
  args: { view: 'sent' },
  play: async ({ canvasElement }) => {
    const el = await inboxReady(canvasElement);
    const checks = [...el.shadowRoot!.querySelectorAll<HTMLElement>('lit-virtualizer [data-check]')].slice(0, 2);
    for (const check of checks) check.click();
  },
};

/** The same in Chinese (中文). */
export const SentSelectionChinese: Story = {
  ...SentSelection,
  name: 'Sent: selection (中文)',
  args: { view: 'sent', locale: 'zh-CN' },
};
/** Issue 19 #3: the Mentions view — what mentions you, each row marked "Mentions you", the unread count beside it. */
export const Mentions: Story = { args: { view: 'mentions', mentioned: [0, 2, 4, 7] } };
