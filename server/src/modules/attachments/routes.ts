import { createRouter } from '../../http/router.js';

/** Upload and download of attachments (docs/api.md "Attachments"). */
export const attachmentsRoutes = () => createRouter();
