import { createRouter } from '../../http/router.js';

/** Compose, send, read, edit, recall and delete messages (docs/api.md "Messages"). */
export const messagesRoutes = () => createRouter();
