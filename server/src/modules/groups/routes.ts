import { createRouter } from '../../http/router.js';

export const groupsRoutes = () => createRouter();
