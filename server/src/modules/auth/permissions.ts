/** The permission list (R4, least privilege). The one place permission names are defined. */
export const PERMISSIONS = [
  'message.send.internal',
  'message.send.external',
  'message.manage',
  'department.manage',
  'data.view',
  'org.admin',
  'approval.admin',
  // Issue 19 #7: publish a message to the knowledge space (organisation-wide, or for the departments of its scope).
  'knowledge.publish',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Permissions whose grant may be limited to a department subtree. */
export const SCOPABLE: readonly Permission[] = [
  'department.manage',
  'data.view',
  'message.manage',
  'knowledge.publish',
];

/** Permissions of a role that cannot be limited to a department: a grant of such a role is organisation-wide only. */
export const unscopable = (permissions: readonly Permission[]): Permission[] =>
  permissions.filter((p) => !SCOPABLE.includes(p));

export const BUILTIN_ROLES: ReadonlyArray<{ key: string; name: string; permissions: Permission[] }> = [
  { key: 'super-admin', name: 'Super admin', permissions: [...PERMISSIONS] },
  // Everything but approval.admin: an org admin grants the sender and department-admin roles, and nobody hands out
  // more than they hold (docs/api.md, "Handing out rights").
  {
    key: 'org-admin',
    name: 'Organisation admin',
    permissions: [
      'message.send.internal',
      'message.send.external',
      'message.manage',
      'department.manage',
      'data.view',
      'org.admin',
      'knowledge.publish',
    ],
  },
  {
    key: 'department-admin',
    name: 'Department admin',
    permissions: ['department.manage', 'data.view', 'message.manage'],
  },
  { key: 'sender', name: 'Sender', permissions: ['message.send.internal'] },
  { key: 'external-sender', name: 'External sender', permissions: ['message.send.internal', 'message.send.external'] },
  { key: 'auditor', name: 'Auditor', permissions: ['data.view'] },
  // Issue 19 #7: granted for the whole organisation, or for departments (publishes only to those and their subtrees).
  { key: 'knowledge-publisher', name: 'Knowledge publisher', permissions: ['knowledge.publish'] },
];
