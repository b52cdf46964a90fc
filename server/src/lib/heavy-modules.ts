import { createRequire } from 'node:module';

// Packages most requests never need, loaded the first time they are used instead of at start-up (issue 15): exceljs
// alone is ~260 ms of CPU to load, nodemailer and pinyin-pro ~50 ms each, undici (outbound webhooks and SMS) 1.2 MB.
// They are CommonJS, so a synchronous
// require() works where the callers are synchronous (pinyin for search text); the bundle keeps them external.
// The AWS SDK (ES modules, only for HERALD_BLOB_URL=s3://…) is loaded by a dynamic import in blob-store/open.ts.
const require = createRequire(import.meta.url);
const once = <T>(load: () => T): (() => T) => {
  let loaded: T | undefined;
  return () => (loaded ??= load());
};

export const exceljs = once(() => require('exceljs') as typeof import('exceljs'));
export const nodemailer = once(() => require('nodemailer') as typeof import('nodemailer'));
export const pinyinPro = once(() => require('pinyin-pro') as typeof import('pinyin-pro'));
export const undici = once(() => require('undici') as typeof import('undici'));
