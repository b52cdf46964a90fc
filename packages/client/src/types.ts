import type { hc, InferResponseType } from 'hono/client';
import type { HeraldApp } from './app-type.js';

type Api = ReturnType<typeof hc<HeraldApp>>;

/** `GET /me`, as the server's route schema declares it. */
export type Me = InferResponseType<Api['me']['$get'], 200>;
/** A member or an external contact (null only for API keys, which never reach a browser). */
export type Subject = NonNullable<Me['subject']>;
export type Permission = Me['permissions'][number];
