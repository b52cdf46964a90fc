import { panelSuite } from '@herald/client/panel-suite';
import './define.js';

panelSuite('herald-approval-queue', { title: 'Approvals', titleZh: '审批', empty: 'Nothing waiting for approval.' });
