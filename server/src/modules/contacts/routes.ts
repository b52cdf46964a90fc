import { createRouter } from '../../http/router.js';

export const contactsRoutes = () => createRouter();
