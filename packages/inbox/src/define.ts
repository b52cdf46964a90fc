import './inbox/define.js';
import './badge/define.js';
import './message/define.js';
import './alert/define.js';
