// The Knowledge view (issue 19 #7) is a lazy chunk: the inbox loads it when the view is chosen, so the first load
// (issue 16's budget) carries only the sidebar link.
import { once } from '@herald/core';

export const loadKnowledgeView = once(() => import('./define.js'));
