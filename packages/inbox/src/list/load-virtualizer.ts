// The virtualised list is a lazy chunk (issue 16): the inbox asks for it as it connects, so it arrives while the
// session and the first page are fetched; the list shows its loading state until both are in.
import { once } from '@herald/core';

type VirtualizerModule = typeof import('./virtualizer.js');
let loaded: VirtualizerModule | undefined;

export const loadVirtualizer = once(() => import('./virtualizer.js').then((m) => (loaded = m)));

/** The virtualizer module once it has loaded (`<lit-virtualizer>` is then defined), else undefined. */
export const virtualizerModule = (): VirtualizerModule | undefined => loaded;
