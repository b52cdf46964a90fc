// Registers every Herald element. Registration is the only side effect.
import './provider/define.js';
import './sign-in/define.js';
import '@herald/inbox/define';
import '@herald/inbox/badge/define.js'; // <herald-unread-badge> (also in the inbox's define; named here for hosts reading this list)
import '@herald/composer/define';
import '@herald/approval-queue/define';
import '@herald/member-admin/define';
