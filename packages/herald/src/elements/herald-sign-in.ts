// /widgets/herald-sign-in.js: <herald-sign-in> (the provider shows it by itself in cookie mode).
import '../sign-in/define.js';
export { HeraldSignIn } from '../sign-in/sign-in.js';
// Its events, for `import type`.
export type { HeraldPasswordChangeEvent, HeraldSessionStartEvent } from '@herald/core';
