// Loading the inbox's actions chunk (actions.ts, issue 16), once per page.
import { once } from '@herald/core';

export type ActionsPart = typeof import('./actions.js');

let loaded: ActionsPart | undefined;

export const loadActions = once(() => import('./actions.js').then((part) => (loaded = part)));

/** The actions chunk, if it has loaded. */
export const actionsPart = (): ActionsPart | undefined => loaded;
