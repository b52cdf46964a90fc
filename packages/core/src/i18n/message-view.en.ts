/** English strings of the message-view part (spread into the catalogue in en.ts). */
export const messageViewEn = {
  'message-view.placeholder': '',
} as const;
