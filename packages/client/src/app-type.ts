/** The server's route types (mounted under `/api/v1`), for the typed `hc` client. */
export type { AppType as HeraldApp } from '@herald/server';
