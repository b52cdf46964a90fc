// The lazy part of the list (issue 16): @lit-labs/virtualizer (6 KB gz) and the inbox's patch of it.
import '@lit-labs/virtualizer';
export { patchVirtualizer } from './virtualizer-patch.js';
