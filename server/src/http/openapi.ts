import { z } from '@hono/zod-openapi';
import { FIELD_ERROR_CODES } from './problem.js';

export const ProblemSchema = z.object({
  type: z.string().openapi({ example: 'urn:herald:problem:validation' }),
  code: z.string().openapi({ example: 'validation' }),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  requestId: z.string().optional(),
  errors: z.array(z.object({
    path: z.string().openapi({ example: 'email' }),
    code: z.enum(FIELD_ERROR_CODES).openapi({ description: 'Stable, for translation' }),
    message: z.string().openapi({ description: 'Readable English' }),
  })).optional(),
  retryAfter: z.number().int().optional(),
}).openapi('Problem');

const problem = (description: string) => ({
  description, content: { 'application/problem+json': { schema: ProblemSchema } },
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
  description, content: { 'application/json': { schema } },
});
export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true, content: { 'application/json': { schema } },
});

export const IdParam = z.object({ id: z.string().min(1).max(64).openapi({ param: { name: 'id', in: 'path' } }) });

/** Either credential works: a bearer token (embed JWT or API key) or the session cookie. */
export const BEARER: Array<Record<string, string[]>> = [{ bearer: [] }, { session: [] }];
