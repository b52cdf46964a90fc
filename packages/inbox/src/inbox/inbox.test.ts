import { panelSuite } from '@herald/client/panel-suite';
import './define.js';

panelSuite('herald-inbox', { title: 'Inbox', titleZh: '收件箱', empty: 'No messages.' });
