import './approval-queue/define.js';
