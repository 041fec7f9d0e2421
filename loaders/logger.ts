import { pino, type Logger } from 'pino';
import { requestScope } from './process-guard.js';
import { activeTraceId } from './tracing.js';

export type { Logger };

/**
 * The request id (from the request scope) and the trace id (while tracing is on) of every log
 * line written while serving a request, unless the line or its child logger already names them.
 */
function requestMixin(
  line: object,
  _level: number,
  logger: Logger,
): { requestId?: string; traceId?: string } {
  const requestId = requestScope.getStore()?.requestId;
  const traceId = activeTraceId();
  if (requestId === undefined && traceId === undefined) {
    return {};
  }
  // The child's bindings, as pino keeps them: a JSON fragment (`,"requestId":"…"`).
  const bound = String(Reflect.get(logger, pino.symbols.chindingsSym) ?? '');
  const has = (key: string) => key in line || bound.includes(`"${key}":`);
  return {
    ...(requestId !== undefined && !has('requestId') ? { requestId } : {}),
    ...(traceId !== undefined && !has('traceId') ? { traceId } : {}),
  };
}

/**
 * One structured JSON logger per process; children carry `service` and the request id. Writes to
 * stdout, or to `destination` (tests).
 */
export function createLogger(
  options: { level: string; service: string },
  destination?: pino.DestinationStream,
): Logger {
  const settings = {
    level: options.level,
    base: { service: options.service },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin: requestMixin,
  };
  return destination ? pino(settings, destination) : pino(settings);
}
