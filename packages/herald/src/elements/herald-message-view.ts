// /widgets/herald-message-view.js: <herald-message-view> on its own (one message, e.g. a permalink page).
import '@herald/inbox/herald-message-view';
export { HeraldMessageView } from '@herald/inbox';
