import './inbox/define.js';
import './badge/define.js';
