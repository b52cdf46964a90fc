import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './env.js';
import { Problem, type FieldError } from './problem.js';
import { normaliseText } from './text.js';

/**
 * Issue 22: query parameters follow the rule of JSON text (`http/text.ts`): a value with a control character or
 * an unpaired surrogate is refused (`400 validation`, `invalid-format` at the parameter's name), whichever route
 * reads it — a search, a cursor, or a name that gets stored (an import's `fileName`).
 */
/**
 * Parameters cleaned by their route instead: an uploaded file's name, which comes from a file system (control
 * characters dropped).
 */
const CLEANED_BY_ROUTE = new Set(['POST /api/v1/attachments name']);

export const queryText = createMiddleware<AppEnv>(async (c, next) => {
  if (!c.req.url.includes('?')) return next();
  const errors: FieldError[] = [];
  for (const [name, values] of Object.entries(c.req.queries())) {
    if (CLEANED_BY_ROUTE.has(`${c.req.method} ${c.req.path} ${name}`)) continue;
    for (const value of values) {
      const checked = normaliseText(value);
      if (!checked.ok || value.includes('\n') || value.includes('\t')) {
        errors.push({
          path: name,
          code: 'invalid-format',
          message: checked.ok ? 'Line breaks and tabs are not allowed here' : checked.message,
        });
        break;
      }
    }
  }
  if (errors.length) throw new Problem('validation', 'The query is not valid', { errors });
  return next();
});
