/** English strings of the inbox part (spread into the catalogue in en.ts). */
export const inboxEn = {
  'inbox.placeholder': '',
} as const;
