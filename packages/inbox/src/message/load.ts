// The reading pane (<herald-message-view>, 50 KB) is a lazy chunk: the inbox loads it when a message opens, or when
// the page is idle after the list has rendered, so the list is not kept waiting for it (issue 16).
import { once } from '@herald/core';

export const loadMessageView = once(() => import('./define.js'));
