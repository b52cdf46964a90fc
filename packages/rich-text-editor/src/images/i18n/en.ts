/** English strings of the rich-text editor's images (issue 20 #9, a lazy chunk); zh-CN.ts has exactly these keys. */
export const en = {
  'richTextEditor.image.insert': 'Insert image',
  'richTextEditor.image.alt': 'Image description (alt text)',
  'richTextEditor.image.altApply': 'Apply',
  'richTextEditor.image.uploading': 'Uploading image {name}…',
  'richTextEditor.image.inserted': 'Image {name} inserted. Describe it in the field below the toolbar.',
  'richTextEditor.image.failed': 'Image {name} could not be added: {reason}',
  'richTextEditor.image.notImage': 'Only PNG, JPEG, GIF and WebP images can be shown in the text.',
} as const;
