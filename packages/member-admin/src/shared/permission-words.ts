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

/** Every permission, in the order of the server's list. */
export const PERMISSION_LIST: readonly Permission[] = [
  'message.send.internal', 'message.send.external', 'message.manage', 'department.manage', 'data.view', 'org.admin', 'approval.admin',
];
