// /widgets/herald-urgent-alert.js: <herald-urgent-alert>.
import '@herald/inbox/herald-urgent-alert';
export { HeraldUrgentAlert } from '@herald/inbox';
