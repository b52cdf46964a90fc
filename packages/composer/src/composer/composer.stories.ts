import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { Permission } from '@herald/client';
import { composerHost, filledDraft } from '../testing/story-host.js';
import type { HeraldComposer } from './composer.js';
import './define.js';

interface Args {
  locale: string;
  theme?: 'light' | 'dark';
  permissions: Permission[];
}
type Story = StoryObj<Args>;

const SENDER: Permission[] = ['message.send.internal', 'message.send.external'];

/** Waits for the composer in the story's canvas to have restored its draft and loaded its editor. */
async function ready(canvas: HTMLElement, restored = true): Promise<HeraldComposer> {
  const el = canvas.querySelector('herald-composer')!;
  const end = Date.now() + 5000;
  while (Date.now() < end) {
    const root = el.shadowRoot;
    const subject = root?.querySelector<HTMLInputElement>('#subject');
    if (
      root?.querySelector('herald-rich-text-editor')?.shadowRoot?.querySelector('.ProseMirror') &&
      subject &&
      (!restored || subject.value)
    )
      break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return el;
}

export default {
  title: 'Elements/Composer',
  component: 'herald-composer',
  args: { locale: 'en', permissions: SENDER },
  argTypes: {
    locale: { control: 'inline-radio', options: ['en', 'zh-CN'] },
    theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'] },
  },
  render: (args) => composerHost({ locale: args.locale, theme: args.theme, permissions: args.permissions }),
} satisfies Meta<Args>;

/** Nothing typed yet: every kind the member may send, an empty recipient box and editor. */
export const Empty: Story = {};

export const Chinese: Story = { args: { locale: 'zh-CN' } };

export const Dark: Story = { args: { theme: 'dark' } };

/** A restored draft: a department and a member, rich text with a mention, a link and a list, an attachment, options. */
export const Filled: Story = {
  render: (args) =>
    composerHost({ locale: args.locale, theme: args.theme, permissions: args.permissions, drafts: filledDraft() }),
};

/** A file on its way up (the mock upload never finishes), with its progress bar and cancel button. */
export const Uploading: Story = {
  render: (args) =>
    composerHost({ locale: args.locale, theme: args.theme, permissions: args.permissions, uploadMs: Infinity }),
  play: async ({ canvasElement }) => {
    const el = await ready(canvasElement, false);
    el.addFiles([
      new File([new Uint8Array(3 * 1024 * 1024)], 'site-photos.zip', { type: 'application/zip' }),
      new File([new Uint8Array(60 * 1024 * 1024)], 'drill-video.mp4', { type: 'video/mp4' }),
    ]);
  },
};

/** The server refused the send: its field errors are shown next to the fields they name. */
export const Errors: Story = {
  render: (args) =>
    composerHost({
      locale: args.locale,
      theme: args.theme,
      permissions: args.permissions,
      drafts: filledDraft(),
      sendErrors: [
        { path: 'audience.1.targetId', code: 'unknown-member', message: 'Unknown member' },
        {
          path: 'body.content.1.content.1.content.0.content.1.marks.0.attrs.href',
          code: 'link-blocked',
          message: 'Blocked',
        },
        { path: 'attachmentIds.0', code: 'unknown-attachment', message: 'Unknown attachment' },
      ],
    }),
  play: async ({ canvasElement }) => {
    const el = await ready(canvasElement);
    el.shadowRoot!.querySelector<HTMLButtonElement>('#send')!.click();
  },
};

/** The preview: what recipients will see, and the head count per picked entry. */
export const Preview: Story = {
  render: (args) =>
    composerHost({ locale: args.locale, theme: args.theme, permissions: args.permissions, drafts: filledDraft() }),
  play: async ({ canvasElement }) => {
    const el = await ready(canvasElement);
    el.shadowRoot!.querySelector<HTMLFormElement>('form')!.requestSubmit();
  },
};

/** Issue 19: "Use a template": the organisation's and the member's own, searchable (pinyin too). */
export const UseTemplate: Story = {
  play: async ({ canvasElement }) => {
    const el = await ready(canvasElement, false);
    el.shadowRoot!.querySelector<HTMLButtonElement>('#use-template')!.click();
  },
};

/** Issue 19: "Save as template", for a member who may share it with the organisation (`message.manage`). */
export const SaveAsTemplate: Story = {
  args: { permissions: [...SENDER, 'message.manage'] },
  render: (args) =>
    composerHost({ locale: args.locale, theme: args.theme, permissions: args.permissions, drafts: filledDraft() }),
  play: async ({ canvasElement }) => {
    const el = await ready(canvasElement);
    el.shadowRoot!.querySelector<HTMLButtonElement>('#save-template')!.click();
  },
};

/** Issue 20 #1: "Schedule…" opens the picker (suggestions, a date and time in the viewer's time zone). */
export const ScheduleSend: Story = {
  render: (args) =>
    composerHost({ locale: args.locale, theme: args.theme, permissions: args.permissions, drafts: filledDraft() }),
  play: async ({ canvasElement }) => {
    const el = await ready(canvasElement);
    el.shadowRoot!.querySelector<HTMLButtonElement>('#schedule')!.click();
  },
};

/** A member without any send permission. */
export const NoPermission: Story = { args: { permissions: ['data.view'] } };

/** Issue 19 #3: the draft also mentions Alice Chen, who is not a recipient: the warning, with "Add as recipient". */
export const MentionWarning: Story = {
  name: 'Mention of a non-recipient',
  render: (args) => {
    const [draft] = filledDraft();
    const body = structuredClone(draft!.data.body);
    body.content.unshift({
      type: 'paragraph',
      content: [{ type: 'mention', attrs: { id: 'm-E1004', label: 'Alice Chen' } }],
    });
    const drafts = [{ ...draft!, data: { ...draft!.data, body } }];
    return composerHost({ locale: args.locale, theme: args.theme, permissions: args.permissions, drafts });
  },
  play: async ({ canvasElement }) => {
    await ready(canvasElement);
  },
};
