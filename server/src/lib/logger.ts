import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs on stdout (one object per line). */
export const createLogger = (level: string): Logger => pino({ level, base: { service: 'herald' } });
