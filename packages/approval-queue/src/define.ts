import './approval-queue/define.js';
import './flows/define.js';
