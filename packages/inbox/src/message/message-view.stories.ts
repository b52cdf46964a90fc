import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { ViewedMessage } from '../api/message-types.js';
import { storyHost } from './testing/story-host.js';
import { knowledgeHandler } from '../knowledge/testing/mock-backend.js';
import {
  CONTACT_LINKS,
  makeMessage,
  NOTIFIED,
  sentByMe,
  toContacts,
  type MockOptions,
} from './testing/mock-backend.js';
import './define.js';

interface Args {
  locale: string;
  theme?: 'light' | 'dark';
}
type Story = StoryObj<Args>;

const RICH = {
  type: 'doc',
  content: [
    { type: 'paragraph', content: [{ type: 'text', text: '各位同事：' }] },
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'The typhoon drill starts on ' },
        { type: 'text', text: 'Friday at 10:00', marks: [{ type: 'bold' }] },
        { type: 'text', text: '. ' },
        { type: 'mention', attrs: { id: 'm-E1001', label: '张三' } },
        { type: 'text', text: ' leads the floor check.' },
      ],
    },
    {
      type: 'bulletList',
      content: [
        {
          type: 'listItem',
          content: [
            { type: 'paragraph', content: [{ type: 'text', text: 'Meet in the lobby', marks: [{ type: 'italic' }] }] },
          ],
        },
        {
          type: 'listItem',
          content: [
            {
              type: 'paragraph',
              content: [
                { type: 'text', text: 'Plan: ' },
                {
                  type: 'text',
                  text: 'intranet',
                  marks: [{ type: 'link', attrs: { href: 'https://intranet.example/drill' } }],
                },
              ],
            },
          ],
        },
      ],
    },
  ],
};
const FLAGGED = {
  type: 'doc',
  content: [
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Update your password at ' },
        {
          type: 'text',
          text: 'аpple.com',
          marks: [{ type: 'link', attrs: { href: 'https://xn--pple-43d.com/', flag: 'lookalike' } }],
        },
        { type: 'text', text: ' or read the ' },
        {
          type: 'text',
          text: 'vendor notes',
          marks: [{ type: 'link', attrs: { href: 'https://vendor.example.net/notes', flag: 'unlisted' } }],
        },
        { type: 'text', text: '.' },
      ],
    },
  ],
};
const ATTACHMENTS = [
  { id: 'img1', name: 'assembly-point.png', size: 48_213, contentType: 'image/png' },
  { id: 'pdf1', name: '疏散计划.pdf', size: 1_234_567, contentType: 'application/pdf' },
  {
    id: 'xls1',
    name: 'floor-wardens.xlsx',
    size: 20_480,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
];

const reply = (id: string, name: string, text: string, minutes: number): ViewedMessage =>
  makeMessage({
    id,
    threadId: 'msg1',
    parentId: 'msg1',
    subject: 'Re: Quarterly safety drill',
    sender: { kind: 'member', id: `m-${id}`, name },
    body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] },
    deliveredAt: Date.UTC(2026, 10, 24, 9, minutes),
    createdAt: Date.UTC(2026, 10, 24, 9, minutes),
  });

const story = (options: MockOptions): Story => ({
  render: (args) => storyHost(options, { locale: args.locale, theme: args.theme }),
});

export default {
  title: 'Elements/Message view',
  component: 'herald-message-view',
  args: { locale: 'en' },
  argTypes: {
    locale: { control: 'inline-radio', options: ['en', 'zh-CN'] },
    theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'] },
  },
  render: (args) =>
    storyHost(
      { messages: [makeMessage({ body: RICH, attachments: ATTACHMENTS.slice(1) })] },
      { locale: args.locale, theme: args.theme },
    ),
} satisfies Meta<Args>;

/** A received message: rich text with a mention, a list and a link, two attachments; opening marks it read. */
export const Normal: Story = {};

/** Receipt required: the prominent "Confirm receipt" until confirmed. */
export const ReceiptRequired = story({
  messages: [makeMessage({ receiptRequired: true, priority: 'high', body: RICH })],
});

/** Task-like (a due date): progress and a note. */
export const TaskLike = story({
  messages: [
    makeMessage({
      dueAt: Date.UTC(2026, 11, 1, 18),
      body: RICH,
      mine: {
        deliveredAt: Date.UTC(2026, 10, 24, 9),
        readAt: Date.UTC(2026, 10, 24, 9, 5),
        confirmedAt: null,
        progress: 'in-progress',
        progressNote: '已预订会议室',
        progressAt: Date.UTC(2026, 10, 24, 9, 6),
        archivedAt: null,
        deletedAt: null,
        starredAt: null,
        snoozedUntil: null,
        mentioned: false,
        tagIds: [],
        pinned: false,
        needsConfirmation: false,
      },
    }),
  ],
});

/** A conversation: the root and two replies, with the reply box. */
export const Thread = (() => {
  const root = makeMessage({ body: RICH });
  const replies = [
    reply('r1', '张三', '收到，我负责三楼。', 20),
    reply('r2', 'Alice Chen', 'Marketing will be in the lobby at 9:55.', 42),
  ];
  return story({ messages: [root, ...replies], threads: { msg1: [root, ...replies] } });
})();

/** The sender's view: counts, tabs, reminders, export and edit / recall / delete. */
export const SenderView = story({
  messages: [
    sentByMe({
      receiptRequired: true,
      dueAt: Date.UTC(2026, 11, 1, 18),
      body: RICH,
      editedAt: Date.UTC(2026, 10, 24, 9, 30),
      revision: 2,
    }),
  ],
  pageSize: 5,
});

/**
 * The sender's view of an urgent message (R9): per recipient, how the e-mail / webhook / SMS notification went —
 * sent (time in the tooltip), retrying, failed and no address (the reason in the tooltip), not needed, reminders.
 */
export const SenderWithNotifications = story({
  messages: [
    sentByMe({
      subject: 'Typhoon warning: office closed',
      priority: 'urgent',
      kind: 'urgent',
      receiptRequired: true,
      body: RICH,
    }),
  ],
  recipients: NOTIFIED,
});

/**
 * The sender's reach at a glance (issue 24): read and confirmed over time, a bar per department (choose one to list
 * and remind only its people) and the task's progress states, above the receipts.
 */
export const SenderReach = story({
  messages: [
    sentByMe({ subject: '年度安全培训', receiptRequired: true, dueAt: Date.UTC(2026, 11, 1, 18), body: RICH }),
  ],
});

/**
 * Issue 19 item 4: a message to contacts without portal access — the links they were e-mailed (one opened, one
 * revoked) and "Revoke link" for the one that still works.
 */
export const SenderContactLinks = story({
  messages: [toContacts({ subject: '季度报价 Quarterly prices' })],
  contactLinks: CONTACT_LINKS,
});

/** Recalled by its sender: no content for the recipient. */
export const Recalled = story({
  messages: [
    makeMessage({ recalledAt: Date.UTC(2026, 10, 24, 9, 12), subject: '', body: { type: 'doc', content: [] } }),
  ],
});

/** Expired: the content is gone for the recipient. */
export const Expired = story({
  messages: [makeMessage({ expiresAt: Date.UTC(2026, 10, 24, 12), expiresInMinutes: 180, expired: true })],
});

/** Purged (issue 19 item 8): expired past the grace period, the content removed for everyone, the sender too. */
export const Purged = story({
  messages: [
    sentByMe({
      subject: '',
      body: { type: 'doc', content: [{ type: 'paragraph' }] },
      attachments: [],
      expiresAt: Date.UTC(2026, 10, 24, 12),
      expired: true,
      purgedAt: Date.UTC(2026, 11, 24, 12),
    }),
  ],
});

/** About to expire: the time left counts down and flips to "expired". */
export const Expiring: Story = {
  render: (args) =>
    storyHost(
      { messages: [makeMessage({ expiresAt: Date.now() + 90_000, expiresInMinutes: 2, body: RICH })] },
      { locale: args.locale, theme: args.theme },
    ),
};

/** Links the server flagged (look-alike, off the allow list) carry a warning. */
export const FlaggedLink = story({ messages: [makeMessage({ subject: 'Password expiry', body: FLAGGED, links: [] })] });

/** Image attachments previewed through blob URLs. */
export const Images = story({
  messages: [makeMessage({ subject: 'Assembly point photos', attachments: ATTACHMENTS })],
});

export const Chinese: Story = {
  args: { locale: 'zh-CN' },
  render: (args) =>
    storyHost(
      {
        messages: [
          makeMessage({
            subject: '季度消防演练',
            receiptRequired: true,
            dueAt: Date.UTC(2026, 11, 1, 18),
            body: RICH,
            attachments: ATTACHMENTS,
          }),
        ],
      },
      { locale: args.locale, theme: args.theme },
    ),
};

export const Dark: Story = {
  args: { theme: 'dark' },
  render: (args) =>
    storyHost(
      {
        messages: [sentByMe({ receiptRequired: true, body: FLAGGED, attachments: ATTACHMENTS })],
        recipients: NOTIFIED,
      },
      { locale: args.locale, theme: args.theme },
    ),
};

/**
 * Issue 19 #7: a member holding `knowledge.publish` reads a message the server says they may publish: "Publish to
 * knowledge space" opens the dialog (whole organisation or departments, tags).
 */
export const PublishToKnowledge = story({
  messages: [makeMessage({ body: RICH })],
  permissions: ['message.send.internal', 'knowledge.publish'],
  extra: knowledgeHandler().handle,
});
