// The names of the back-office change events, in their own module: the admin's first load lists them without
// loading their classes (each tab loads its own).
/** The back-office changes (not the cancelable requests): the admin marks other tabs stale on each. */
export const ADMIN_EVENTS = [
  'herald-member-create',
  'herald-member-update',
  'herald-member-password-reset',
  'herald-grant-create',
  'herald-grant-delete',
  'herald-department-create',
  'herald-department-update',
  'herald-department-delete',
  'herald-position-create',
  'herald-position-update',
  'herald-position-delete',
  'herald-import-commit',
  'herald-role-create',
  'herald-role-update',
  'herald-role-delete',
  'herald-contact-create',
  'herald-contact-update',
  'herald-contact-note-create',
  'herald-contact-note-update',
  'herald-group-create',
  'herald-group-update',
  'herald-group-delete',
  'herald-settings-update',
  'herald-delivery-retry',
] as const satisfies readonly (keyof GlobalEventHandlersEventMap)[];
export type AdminEventName = (typeof ADMIN_EVENTS)[number];
