import type { MessageKey } from '@herald/core';
import type { Permission } from '@herald/client';

interface Translator {
  t(key: MessageKey, params?: Record<string, unknown>): string;
}

/** A permission in plain words; with departments, the scope is named ("… 技术部 and its sub-departments"). */
export function permissionWords(i18n: Translator, permission: Permission, departmentNames?: string[] | null): string {
  const base = `admin.permission.${permission}` as MessageKey;
  if (!departmentNames?.length) return i18n.t(base);
  return i18n.t(`${base}.scoped` as MessageKey, { department: departmentNames.join(i18n.t('admin.listSeparator')) });
}

/** Permissions a grant may limit to a department subtree (the server's SCOPABLE). */
export const SCOPABLE: readonly Permission[] = [
  'department.manage',
  'data.view',
  'message.manage',
  'knowledge.publish',
];

/**
 * A role's permissions in plain words. A role made only of scopable permissions is granted for departments (issue 23:
 * "Department admin" read as "manage every department"), so its permissions say "the departments it is granted for".
 */
export function rolePermissionWords(i18n: Translator, permissions: readonly Permission[]): string[] {
  const scoped = permissions.length > 0 && permissions.every((p) => SCOPABLE.includes(p));
  return permissions.map((p) => i18n.t(`admin.permission.${p}${scoped ? '.granted' : ''}` as MessageKey));
}

/** A role's name, built-in ones in the reader's language. */
export function roleName(i18n: Translator, role: { name: string; builtinKey?: string | null }): string {
  return role.builtinKey ? i18n.t(`admin.role.${role.builtinKey}` as MessageKey) : role.name;
}

/** Every permission, in the order of the server's list. */
export const PERMISSION_LIST: readonly Permission[] = [
  'message.send.internal',
  'message.send.external',
  'message.manage',
  'department.manage',
  'data.view',
  'org.admin',
  'approval.admin',
  'knowledge.publish', // issue 19 #7
];
