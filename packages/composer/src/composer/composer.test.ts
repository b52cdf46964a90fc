import { panelSuite } from '@herald/client/panel-suite';
import './define.js';

panelSuite('herald-composer', { title: 'New message', titleZh: '新消息', empty: 'The composer is coming soon.' });
