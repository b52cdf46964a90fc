import { createRouter } from '../../http/router.js';

export const importsRoutes = () => createRouter();
