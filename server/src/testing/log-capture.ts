import { pino, type Logger } from 'pino';

/** A logger whose JSON lines a test reads back: what an operator would see in the log, as objects. */
export function captureLog(level = 'info'): { lines: Array<Record<string, unknown>>; logger: Logger } {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino(
    { level },
    {
      write: (line: string) => {
        lines.push(JSON.parse(line));
      },
    },
  );
  return { lines, logger };
}
