/**
 * English strings of <herald-rich-text-editor> (in the composer, the reply box, the edit dialogs): the reference;
 * zh-CN.ts has exactly these keys and placeholders.
 */
export const en = {
  'richTextEditor.label': 'Message',
  'richTextEditor.placeholder': 'Write your message… Type @ to mention someone.',
  'richTextEditor.loading': 'Loading the editor…',
  'richTextEditor.loadFailed': 'The editor did not load. Check the connection, then try again (or reload the page).',
  'richTextEditor.loadAgain': 'Try again',
  'richTextEditor.toolbar': 'Formatting',
  'richTextEditor.toolbar.bold': 'Bold',
  'richTextEditor.toolbar.italic': 'Italic',
  'richTextEditor.toolbar.bulletList': 'Bulleted list',
  'richTextEditor.toolbar.orderedList': 'Numbered list',
  'richTextEditor.toolbar.link': 'Link',
  'richTextEditor.toolbar.emoji': 'Emoji',
  'richTextEditor.link.url': 'Link address',
  'richTextEditor.link.apply': 'Apply link',
  'richTextEditor.link.remove': 'Remove link',
  'richTextEditor.link.cancel': 'Cancel',
  'richTextEditor.link.scheme': 'Only http, https and mailto links are allowed.',
  'richTextEditor.emoji.insert': 'Insert {emoji}',
  'richTextEditor.mention.list': 'People to mention',
  'richTextEditor.mention.none': 'No one matches.',
} as const;
