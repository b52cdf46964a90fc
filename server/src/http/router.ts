import { OpenAPIHono, type Hook, type RouteConfig, type RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from './env.js';
import { fieldErrors } from './field-errors.js';
import { Problem, problemResponse } from './problem.js';

/**
 * Turns a failed zod validation into a `400 validation` problem naming each bad field with a stable `code`
 * (`http/field-errors.ts`) and zod's English `message`.
 */
export const validationHook: Hook<unknown, AppEnv, string, unknown> = (result, c) => {
  if (!result.success) {
    const errors = fieldErrors(result.error.issues, (result as { data?: unknown }).data);
    const target = (result as { target?: string }).target;
    return problemResponse(c, new Problem('validation', `The ${target ?? 'request'} is not valid`, { errors }));
  }
  return undefined;
};

/** Every module's routes hang off one of these, so they share the validation hook and the env type. */
export const createRouter = () => new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

/** A handler typed by its `createRoute()` value (hono-open-api-starter's `AppRouteHandler`). */
export type AppRouteHandler<R extends RouteConfig> = RouteHandler<R, AppEnv>;
