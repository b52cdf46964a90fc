import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs, one object per line: on stdout, or appended to `file` (created with its folder), so that a
 * terminal shows only the start-up banner (issue 23). Every request is logged at `debug`.
 */
export const createLogger = (level: string, file?: string): Logger =>
  pino(
    { level, base: { service: 'herald' } },
    file ? pino.destination({ dest: file, mkdir: true, sync: true }) : undefined,
  );
