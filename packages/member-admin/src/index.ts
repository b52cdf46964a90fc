export { HeraldMemberAdmin } from './member-admin/member-admin.js';
