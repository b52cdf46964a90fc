// /widgets/herald-provider.js: <herald-provider> (one client and session for the elements inside it).
import '../provider/define.js';
export { HeraldProvider } from '../provider/provider.js';
// Its events, for `import type`.
export type { HeraldErrorEvent, HeraldSessionEndEvent, HeraldSessionStartEvent } from '@herald/core';
