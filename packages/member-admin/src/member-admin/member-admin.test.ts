import { panelSuite } from '@herald/client/panel-suite';
import './define.js';

panelSuite('herald-member-admin', { title: 'Members', titleZh: '成员', empty: 'No members to show.' });
