// The Drafts view (<herald-draft-list>, issue 20 #2) is a lazy chunk: the inbox loads it when the view is chosen, so
// the first load does not carry it.
import { once } from '@herald/core';

export const loadDraftList = once(() => import('./define.js'));
