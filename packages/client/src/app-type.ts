import type { Hono } from 'hono';

// TODO: `export type { AppType as HeraldApp } from '@herald/server'` once server/src/app.ts exports its routes;
// until then the raw `api` is an untyped Hono client.
export type HeraldApp = Hono;
