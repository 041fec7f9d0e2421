import { pino, type Logger } from 'pino';

export type { Logger };

/** One structured JSON logger per process; children carry `service` and the request id. */
export function createLogger(options: { level: string; service: string }): Logger {
  return pino({
    level: options.level,
    base: { service: options.service },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
