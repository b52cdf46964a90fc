// Registers every Herald element. Registration is the only side effect.
import './provider/define.js';
import './sign-in/define.js';
import '@herald/inbox/define';
import '@herald/composer/define';
import '@herald/approval-queue/define';
import '@herald/member-admin/define';
