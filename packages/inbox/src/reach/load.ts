// <herald-message-reach> and the chart code are a lazy chunk (issue 24): loaded when a sender's receipts are shown,
// never with the inbox's first load.
import { once } from '@herald/core';

export const loadMessageReach = once(() => import('./define.js'));
