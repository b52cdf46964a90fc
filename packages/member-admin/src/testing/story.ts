// Stories only: what every back-office story shares — its args, their controls, and an element rendered with
// locale/theme inside providers whose client talks to the in-memory back office (story-host.ts).
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import type { Permission } from '@herald/client';
import { ALL_PERMISSIONS } from './mock-backend.js';
import { mockHost } from './story-host.js';

export interface StoryArgs {
  locale: string;
  theme?: 'light' | 'dark';
  permissions: Permission[];
  /** `<herald-member-admin>` only: the open tab. */
  tab?: string;
  extraMembers?: number;
  /** Every back-office call answers 403 forbidden. */
  refuse?: boolean;
  /** Start with the validated import batch `i-demo`. */
  pendingImport?: boolean;
  /** A department admin's view: only this mock department's subtree is manageable. */
  manageableUnder?: string;
  /** Notification channels as saved: all off, or configured with saved secrets. */
  notify?: 'default' | 'configured';
  /** Failed notification deliveries to list. */
  deadLetters?: number;
  /** The purge has run once (its figures shown). */
  retentionRun?: boolean;
}

export type Story = StoryObj<StoryArgs>;

/** The story's element inside the mock back office, configured from the args. */
export const storyHost = (args: StoryArgs, content: TemplateResult): HTMLElement =>
  mockHost(content, {
    permissions: args.permissions,
    extraMembers: args.extraMembers,
    pendingImport: args.pendingImport,
    manageableUnder: args.manageableUnder,
    notify: args.notify,
    deadLetters: args.deadLetters,
    retentionRun: args.retentionRun,
    refuse: args.refuse ? { status: 403, code: 'forbidden' } : undefined,
  });

/** Renders `<tag locale theme [tab] …attributes>` in the mock back office. */
export const renderTag =
  (tag: string, attributes: Record<string, string> = {}) =>
  (args: StoryArgs): HTMLElement => {
    const el = document.createElement(tag);
    el.setAttribute('locale', args.locale);
    if (args.theme) el.setAttribute('theme', args.theme);
    if (args.tab) el.setAttribute('tab', args.tab);
    for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
    return storyHost(args, html`${el}`);
  };

/** `args`, `argTypes` and `render` of a tab's stories (as a super admin, English, default theme). */
export const storyDefaults = (tag: string) =>
  ({
    args: { locale: 'en', permissions: ALL_PERMISSIONS },
    argTypes: {
      locale: { control: 'inline-radio', options: ['en', 'zh-CN'] },
      theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'] },
    },
    render: renderTag(tag),
  }) satisfies Partial<Meta<StoryArgs>>;

/** The department-admin role's permissions (scoped to a subtree on the server). */
export const DEPARTMENT_ADMIN: Permission[] = ['department.manage', 'data.view', 'message.manage'];
