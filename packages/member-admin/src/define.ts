import './member-admin/define.js';
