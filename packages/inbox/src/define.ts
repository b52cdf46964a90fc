import './inbox/define.js';
