import { z } from '@hono/zod-openapi';
import { FIELD_ERROR_CODES, type FieldError } from './problem.js';
import { unknownKeys } from './strict.js';
import { MAX_DEPTH, normaliseJson } from './text.js';

export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: 'urn:herald:problem:validation' }),
    code: z.string().openapi({ example: 'validation' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    requestId: z.string().optional(),
    errors: z
      .array(
        z.object({
          path: z.string().openapi({ example: 'email' }),
          code: z.enum(FIELD_ERROR_CODES).openapi({ description: 'Stable, for translation' }),
          message: z.string().openapi({ description: 'Readable English' }),
        }),
      )
      .optional(),
    retryAfter: z.number().int().optional(),
  })
  .openapi('Problem');

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

/** The error answers most routes can give; spread into a route's `responses`. */
export const commonErrors = {
  400: problem('Invalid request (`validation`)'),
  401: problem('No or bad credentials (`unauthenticated`, `token-expired`, `token-invalid`)'),
  403: problem('Not allowed (`forbidden`, `csrf-failed`, `password-change-required`, `origin-not-allowed`)'),
} as const;
export const notFound = { 404: problem('No such thing (`not-found`)') } as const;
export const tooMany = { 429: problem('Rate limited (`too-many-attempts`, with `retryAfter`)') } as const;

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
/**
 * A JSON request body. Issue 22: every one is read the same way before its schema sees it — text normalised
 * (`http/text.ts`: NFC, control characters refused) and unknown fields refused at any depth (`unknown-field`),
 * so a route is strict without saying so. The OpenAPI document still shows `schema` (a preprocess is
 * documented as its target); the static type stays `T` so the typed client keeps the body's shape.
 */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema: edgeChecked(schema) } },
});

function edgeChecked<T extends z.ZodType>(schema: T): T {
  return z.preprocess((input, ctx) => {
    const errors: FieldError[] = [];
    const value = normaliseJson(input, errors);
    for (const e of errors) {
      const path = e.path ? e.path.split('.') : [];
      if (e.code === 'too-big')
        ctx.addIssue({
          code: 'too_big',
          origin: 'number',
          maximum: MAX_DEPTH,
          path,
          message: e.message,
          input: undefined,
        });
      else
        ctx.addIssue({
          code: 'invalid_format',
          format: 'regex',
          pattern: 'no control characters',
          path,
          message: e.message,
          input: undefined,
        });
    }
    if (errors.length) return value;
    for (const u of unknownKeys(schema, value))
      ctx.addIssue({
        code: 'unrecognized_keys',
        keys: u.keys,
        path: u.path,
        message: `Unknown field${u.keys.length > 1 ? 's' : ''}: ${u.keys.join(', ')}`,
        input: undefined,
      });
    return value;
  }, schema) as unknown as T;
}

export const IdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' } }),
});

/** Either credential works: a bearer token (embed JWT or API key) or the session cookie. */
export const BEARER: Array<Record<string, string[]>> = [{ bearer: [] }, { session: [] }];
