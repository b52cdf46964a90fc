// /widgets/herald-unread-badge.js: <herald-unread-badge>.
import '@herald/inbox/herald-unread-badge';
export { HeraldUnreadBadge } from '@herald/inbox';
