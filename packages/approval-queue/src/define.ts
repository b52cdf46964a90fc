import './approval-queue/define.js';
import './flows/define.js';
import './signature-pad/define.js';
