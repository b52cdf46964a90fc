// /widgets/herald-member-admin.js: <herald-member-admin>; each tab loads when first shown.
import '@herald/member-admin/herald-member-admin';
export { HeraldMemberAdmin } from '@herald/member-admin';
// Its tabs' events, for `import type`.
export type * from '@herald/member-admin/events';
