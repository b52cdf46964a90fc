import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { HeraldPanel, type Permission } from '@herald/client';
import { tabKeyTarget, type MessageKey } from '@herald/core';
import { ADMIN_EVENTS } from '../events/admin-events.js';
import type { AdminTab } from '../shared/admin-tab.js';
import { styles } from './member-admin.styles.js';
import { adminStrings } from '../i18n/index.js';

/** What the tabs take over from the element: its `locale` and `theme` attributes. */
interface Inherited {
  locale?: string;
  theme?: string;
}

export type AdminTabName =
  | 'members'
  | 'org'
  | 'import'
  | 'roles'
  | 'audit'
  | 'contacts'
  | 'groups'
  | 'settings'
  | 'notifications'
  | 'reach'
  | 'retention';

/** Each tab, who may use it (any one of the permissions), and what it renders. */
// Each tab is a lazy chunk (issue 16): its element is imported when the tab is first shown.
const LOADERS: Record<AdminTabName, () => Promise<unknown>> = {
  members: () => import('../members/define.js'),
  org: () => import('../org/define.js'),
  import: () => import('../import/define.js'),
  roles: () => import('../roles/define.js'),
  audit: () => import('../audit/define.js'),
  contacts: () => import('../contacts/define.js'),
  groups: () => import('../groups/define.js'),
  settings: () => import('../settings/define.js'),
  notifications: () => import('../notifications/define.js'),
  reach: () => import('../reach/define.js'),
  retention: () => import('../retention/define.js'),
};

const TABS: ReadonlyArray<{
  name: AdminTabName;
  permissions: Permission[];
  render: (inherit: Inherited) => TemplateResult;
}> = [
  {
    name: 'members',
    permissions: ['org.admin', 'department.manage', 'data.view'],
    render: (i) =>
      html`<herald-admin-members locale=${i.locale ?? nothing} theme=${i.theme ?? nothing}></herald-admin-members>`,
  },
  {
    name: 'org',
    permissions: ['org.admin', 'department.manage'],
    render: (i) =>
      html`<herald-admin-org locale=${i.locale ?? nothing} theme=${i.theme ?? nothing}></herald-admin-org>`,
  },
  {
    name: 'import',
    permissions: ['org.admin', 'department.manage', 'message.send.external'],
    render: (i) =>
      html`<herald-admin-import locale=${i.locale ?? nothing} theme=${i.theme ?? nothing}></herald-admin-import>`,
  },
  {
    name: 'roles',
    permissions: ['org.admin'],
    render: (i) =>
      html`<herald-admin-roles locale=${i.locale ?? nothing} theme=${i.theme ?? nothing}></herald-admin-roles>`,
  },
  {
    name: 'audit',
    permissions: ['data.view'],
    render: (i) =>
      html`<herald-admin-audit locale=${i.locale ?? nothing} theme=${i.theme ?? nothing}></herald-admin-audit>`,
  },
  // Issue 24: beside Audit, for the same readers (data.view; the figures are limited to its scope).
  {
    name: 'reach',
    permissions: ['data.view'],
    render: (i) =>
      html`<herald-admin-reach locale=${i.locale ?? nothing} theme=${i.theme ?? nothing}></herald-admin-reach>`,
  },
  {
    name: 'contacts',
    permissions: ['org.admin', 'message.send.external'],
    render: (i) =>
      html`<herald-admin-contacts locale=${i.locale ?? nothing} theme=${i.theme ?? nothing}></herald-admin-contacts>`,
  },
  {
    name: 'groups',
    permissions: ['org.admin', 'department.manage'],
    render: (i) =>
      html`<herald-admin-groups locale=${i.locale ?? nothing} theme=${i.theme ?? nothing}></herald-admin-groups>`,
  },
  {
    name: 'settings',
    permissions: ['org.admin'],
    render: (i) =>
      html`<herald-admin-settings locale=${i.locale ?? nothing} theme=${i.theme ?? nothing}></herald-admin-settings>`,
  },
  {
    name: 'notifications',
    permissions: ['org.admin'],
    render: (i) =>
      html`<herald-admin-notifications locale=${i.locale ?? nothing} theme=${i.theme ?? nothing}
        ></herald-admin-notifications>`,
  },
  {
    name: 'retention',
    permissions: ['org.admin'],
    render: (i) =>
      html`<herald-admin-retention locale=${i.locale ?? nothing} theme=${i.theme ?? nothing}></herald-admin-retention>`,
  },
];

/**
 * The admin back office: members, organisation (departments and positions), import, roles, audit, external
 * contacts, groups, the messaging settings, the notification channels, reach (issue 24) and storage (issue 19), one
 * tab each. Tabs the signed-in user may not use are not shown (from `me.permissions`);
 * the server remains the authority and a refusal shows a readable message.
 * Uses the client and session of the nearest <herald-provider>, or the page's shared one.
 *
 * @tag herald-member-admin
 * @slot empty - Replaces the default empty-state text (shown when nobody with admin rights is signed in).
 * @slot actions - Custom actions shown in the header.
 * @fires {HeraldMemberCreateEvent} herald-member-create - From the Members tab.
 * @fires {HeraldMemberUpdateEvent} herald-member-update - From the Members tab.
 * @fires {HeraldMemberPasswordResetEvent} herald-member-password-reset - From the Members tab.
 * @fires {HeraldMemberPasswordResetRequestEvent} herald-member-password-reset-request - From the Members tab,
 *   cancelable.
 * @fires {HeraldGrantCreateEvent} herald-grant-create - From the Members tab.
 * @fires {HeraldGrantDeleteEvent} herald-grant-delete - From the Members tab.
 * @fires {HeraldDepartmentCreateEvent} herald-department-create - From the Organisation tab.
 * @fires {HeraldDepartmentUpdateEvent} herald-department-update - From the Organisation tab.
 * @fires {HeraldDepartmentDeleteEvent} herald-department-delete - From the Organisation tab.
 * @fires {HeraldDepartmentDeleteRequestEvent} herald-department-delete-request - From the Organisation tab, cancelable.
 * @fires {HeraldPositionCreateEvent} herald-position-create - From the Organisation tab.
 * @fires {HeraldPositionUpdateEvent} herald-position-update - From the Organisation tab.
 * @fires {HeraldPositionDeleteEvent} herald-position-delete - From the Organisation tab.
 * @fires {HeraldPositionDeleteRequestEvent} herald-position-delete-request - From the Organisation tab, cancelable.
 * @fires {HeraldImportCommitEvent} herald-import-commit - From the Import tab.
 * @fires {HeraldRoleCreateEvent} herald-role-create - From the Roles tab.
 * @fires {HeraldRoleUpdateEvent} herald-role-update - From the Roles tab.
 * @fires {HeraldRoleDeleteEvent} herald-role-delete - From the Roles tab.
 * @fires {HeraldRoleDeleteRequestEvent} herald-role-delete-request - From the Roles tab, cancelable.
 * @fires {HeraldContactCreateEvent} herald-contact-create - From the Contacts tab.
 * @fires {HeraldContactUpdateEvent} herald-contact-update - From the Contacts tab.
 * @fires {HeraldGroupCreateEvent} herald-group-create - From the Groups tab.
 * @fires {HeraldGroupUpdateEvent} herald-group-update - From the Groups tab.
 * @fires {HeraldGroupDeleteEvent} herald-group-delete - From the Groups tab.
 * @fires {HeraldGroupDeleteRequestEvent} herald-group-delete-request - From the Groups tab, cancelable.
 * @fires {HeraldSettingsUpdateEvent} herald-settings-update - From the Settings or Notifications tab.
 * @fires {HeraldDeliveryRetryEvent} herald-delivery-retry - From the Notifications tab.
 * @csspart base - The outer region.
 * @csspart header - The header bar with the title and the signed-in subject.
 * @csspart title - The heading.
 * @csspart identity - The "signed in as" line.
 * @csspart body - The content area.
 * @csspart empty - The default empty-state text.
 * @csspart tablist - The row of tabs.
 * @csspart tab - One tab.
 * @csspart tabpanel - The panel of the selected tab.
 * @cssproperty --herald-color-surface - Background (and every other `--herald-*` token).
 */
export class HeraldMemberAdmin extends HeraldPanel {
  static override catalogues = [adminStrings];
  static override styles = styles;

  protected readonly titleKey = 'memberAdmin.title' as const;

  /**
   * The selected tab (`members`, `org`, `import`, `roles`, `audit`, `contacts`, `groups`, `settings`, `notifications`,
   * `reach`, `retention`); reflects.
   */
  @property({ reflect: true }) tab: AdminTabName = 'members';

  /** `light` or `dark` (unset: follows `prefers-color-scheme`); passed on to the tabs. */
  @property({ reflect: true }) theme?: 'light' | 'dark';

  /** Tabs visited so far stay mounted (hidden) so that switching back keeps their state. */
  @state() private visited = new Set<AdminTabName>();

  /** The definition of the tab shown (a lazy chunk); `updateComplete` waits for it. */
  private tabLoaded: Promise<unknown> = Promise.resolve();

  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    await this.tabLoaded;
    return done;
  }

  /** Tabs whose data another tab changed since they were last shown; they reload when shown again. */
  private stale = new Set<AdminTabName>();

  constructor() {
    super();
    for (const type of ADMIN_EVENTS) {
      this.addEventListener(type, (event) => {
        const source = (
          event.composedPath().find((n) => n instanceof HTMLElement && n.localName.startsWith('herald-admin-')) as
            HTMLElement | undefined
        )?.localName;
        for (const t of TABS)
          if (this.visited.has(t.name) && `herald-admin-${t.name}` !== source) this.stale.add(t.name);
      });
    }
  }

  override updated(changed: Map<PropertyKey, unknown>): void {
    super.updated(changed);
    const tabs = this.availableTabs;
    if (!tabs.length) return;
    const current = this.current(tabs);
    // The tab left behind stops loading (issue 16); if it was, it reloads when shown again.
    const left = changed.get('tab') as AdminTabName | undefined;
    if (changed.has('tab') && left && left !== current) {
      const panel = this.renderRoot.querySelector<HTMLElement & AdminTab>(`#panel-${left} > *`);
      if (panel?.abortLoads?.()) this.stale.add(left);
    }
    if (this.stale.delete(current)) {
      const panel = this.renderRoot.querySelector<HTMLElement & AdminTab>(`#panel-${current} > *`);
      void panel?.refresh();
    }
  }

  /** The tabs the signed-in user may use. */
  get availableTabs(): AdminTabName[] {
    const held = this.herald.session.me?.permissions ?? [];
    return TABS.filter((t) => t.permissions.some((p) => held.includes(p))).map((t) => t.name);
  }

  private select(name: AdminTabName, focus = false) {
    this.tab = name;
    if (focus) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${name}`)?.focus());
  }

  private onKeydown(event: KeyboardEvent) {
    const tabs = this.availableTabs;
    const index = tabs.indexOf(this.current(tabs));
    const target = tabKeyTarget(event.key, tabs, index);
    if (!target) return;
    event.preventDefault();
    this.select(target, true);
  }

  private current(tabs: AdminTabName[]): AdminTabName {
    return tabs.includes(this.tab) ? this.tab : tabs[0]!;
  }

  protected renderBody(): TemplateResult {
    const tabs = this.availableTabs;
    if (!tabs.length) return this.renderEmpty('memberAdmin.empty');
    const current = this.current(tabs);
    this.visited.add(current);
    this.tabLoaded = LOADERS[current]();
    return html`<div role="tablist" part="tablist" aria-label=${this.i18n.t('admin.tabs')} @keydown=${this.onKeydown}>
        ${tabs.map(
          (name) => html`<button role="tab" part="tab" id="tab-${name}" aria-controls="panel-${name}"
          aria-selected=${name === current ? 'true' : 'false'} tabindex=${name === current ? 0 : -1}
          @click=${() => this.select(name)}>${this.i18n.t(`admin.tab.${name}` as MessageKey)}</button>`,
        )}
      </div>
      ${TABS.filter((t) => tabs.includes(t.name)).map(
        (t) => html`<div role="tabpanel" part="tabpanel" id="panel-${t.name}"
        aria-labelledby="tab-${t.name}" tabindex="0" ?hidden=${t.name !== current}
          >${this.visited.has(t.name) ? t.render({ locale: this.locale, theme: this.theme }) : nothing}</div>`,
      )}`;
  }
}
