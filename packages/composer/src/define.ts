import './composer/define.js';
