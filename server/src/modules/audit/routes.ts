import { createRouter } from '../../http/router.js';

export const auditRoutes = () => createRouter();
