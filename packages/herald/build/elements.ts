/** Every element's own entry: src/elements/<tag>.ts → /widgets/<tag>.js and `@herald/elements/<tag>`. */
export const ELEMENTS = [
  'herald-provider', 'herald-sign-in', 'herald-inbox', 'herald-unread-badge', 'herald-urgent-alert', 'herald-message-view',
  'herald-composer', 'herald-approval-queue', 'herald-member-admin',
] as const;
