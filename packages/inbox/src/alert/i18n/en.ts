/** English strings of <herald-urgent-alert>: the reference; zh-CN.ts has exactly these keys and placeholders. */
export const en = {
  'alert.enableNotifications': 'Enable desktop notifications',
} as const;
