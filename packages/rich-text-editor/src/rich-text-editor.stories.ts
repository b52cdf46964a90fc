// <herald-rich-text-editor> on its own (its /widgets/ entry, issue 16): in a host's own form, with Herald's tokens.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { RichDoc } from '@herald/rich-text';
import type { MentionSearch } from './rich-text-editor.js';
import './define.js';

interface Args {
  label: string;
  error: string;
  theme?: 'light' | 'dark';
  locale: string;
  /** Issue 20 #9: the host can upload images (paste, drop, "Insert image"); the value shows one. */
  images?: boolean;
}
type Story = StoryObj<Args>;

const PEOPLE = [
  { id: 'm1', name: 'Ada Chen', detail: 'E1001 · Engineering' },
  { id: 'm2', name: '张三', detail: 'E1002 · 技术部' },
];
const searchMentions: MentionSearch = async (q) => PEOPLE.filter((p) => p.name.toLowerCase().includes(q.toLowerCase()));
const notes: RichDoc = {
  type: 'doc',
  content: [
    { type: 'paragraph', content: [{ type: 'text', text: 'Minutes of the safety drill, see the list below.' }] },
  ],
};

// Issue 20 #9: a stand-in for the composer's upload (a real host uploads to POST /attachments) and an image's bytes.
const CHART = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGP4z8AARAwQCgAf7gP9i18U1AAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
);
let uploads = 0;
const uploadImage = async (file: File) => ({ id: `story-${++uploads}`, name: file.name, contentType: file.type });
const loadImage = async () => new Blob([CHART], { type: 'image/png' });
const withImage: RichDoc = {
  type: 'doc',
  content: [
    ...notes.content,
    { type: 'paragraph', content: [{ type: 'image', attrs: { attachmentId: 'story-chart', alt: 'Drill route map' } }] },
  ],
};

export default {
  title: 'Elements/Rich-text editor',
  component: 'herald-rich-text-editor',
  args: { label: 'Notes', error: '', locale: 'en' },
  argTypes: {
    theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'] },
    locale: { control: 'inline-radio', options: ['en', 'zh-CN'] },
  },
  render: (args) =>
    html`<herald-rich-text-editor label=${args.label} error=${args.error} theme=${ifDefined(args.theme)}
      locale=${args.locale} .searchMentions=${searchMentions} .value=${args.images ? withImage : notes}
      .uploadImage=${args.images ? uploadImage : undefined} .loadImage=${loadImage}></herald-rich-text-editor>`,
} satisfies Meta<Args>;

/** On its own in a page: Herald's tokens, a value, @mentions from the host's search. */
export const OnItsOwn: Story = {};

export const Dark: Story = { args: { theme: 'dark' } };

/** An error under the editor, described to assistive technology. */
export const WithError: Story = { args: { error: 'Write the notes before saving.' } };

/** Issue 20 #9: paste, drop or pick an image ("Insert image"); select it to edit its alt text. */
export const WithImages: Story = { args: { images: true } };

/** The same in Chinese. */
export const WithImagesChinese: Story = { args: { images: true, locale: 'zh-CN', label: '笔记' } };
