import { createRouter } from '../../http/router.js';

export const rolesRoutes = () => createRouter();
