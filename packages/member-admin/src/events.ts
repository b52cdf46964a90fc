// The events of <herald-member-admin>: one typed class, one list of names. Fired only for user actions.

/** What an admin action touched: the id of the thing, and for an import the result. */
export interface AdminEventDetail {
  id: string;
  result?: { added: number; updated: number; skipped: number };
  /** `herald-delivery-retry`: the notification deliveries sent again (empty when all dead ones were). */
  ids?: string[];
}

export const ADMIN_EVENTS = [
  'herald-member-create', 'herald-member-update', 'herald-member-password-reset', 'herald-grant-create', 'herald-grant-delete',
  'herald-department-create', 'herald-department-update', 'herald-department-delete',
  'herald-position-create', 'herald-position-update', 'herald-position-delete',
  'herald-import-commit', 'herald-role-create', 'herald-role-update', 'herald-role-delete',
  'herald-contact-create', 'herald-contact-update', 'herald-group-create', 'herald-group-update', 'herald-group-delete',
  'herald-settings-update', 'herald-delivery-retry',
] as const;
export type AdminEventName = (typeof ADMIN_EVENTS)[number];

/** A back-office change the user made (bubbles, composed). */
export class HeraldAdminEvent extends Event {
  constructor(type: AdminEventName, readonly detail: AdminEventDetail) {
    super(type, { bubbles: true, composed: true });
  }
}

export type AdminRequestName = 'herald-request-delete' | 'herald-request-password-reset';

/**
 * Fired (cancelable) just before a destructive action the user confirmed: a host may call `preventDefault()` to stop it.
 * `detail.kind` names what would be deleted (`department`, `position`, `role`, `group`, or `member` for a password reset).
 */
export class HeraldAdminRequestEvent extends Event {
  constructor(type: AdminRequestName, readonly detail: { kind: string; id: string; name: string }) {
    super(type, { bubbles: true, composed: true, cancelable: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap extends Record<AdminEventName, HeraldAdminEvent>, Record<AdminRequestName, HeraldAdminRequestEvent> {}
}
