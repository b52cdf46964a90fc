import { createRouter } from '../../http/router.js';

export const orgRoutes = () => createRouter();
