// Registers every Herald element (/widgets/herald.js). Registration is the only side effect; each element's own entry
// (src/elements/<tag>.ts, /widgets/<tag>.js) registers just that one.
import './provider/define.js';
import './sign-in/define.js';
import '@herald/inbox/herald-inbox';
import '@herald/inbox/herald-unread-badge';
import '@herald/inbox/herald-urgent-alert';
import '@herald/inbox/herald-message-view';
import '@herald/composer/herald-composer';
import '@herald/approval-queue/herald-approval-queue';
import '@herald/approval-queue/herald-approval-flows';
import '@herald/member-admin/herald-member-admin';
