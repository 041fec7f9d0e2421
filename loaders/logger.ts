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
 * Standard output, written in blocks: lines wait until 4 KiB have gathered or 100 ms have passed,
 * so a busy server makes one write where it made one per request line (the write was the larger
 * share of a request log's cost). Whatever waits is written synchronously when the process exits,
 * a crash included (pino flushes on `exit`); only a killed process (SIGKILL, out of memory) can
 * lose the last 100 ms.
 */
function bufferedStdout(): pino.DestinationStream {
  return pino.destination({
    dest: process.stdout.fd ?? 1,
    sync: false,
    minLength: 4096,
    periodicFlush: 100,
  });
}

/**
 * One structured JSON logger per process; children carry `service` and the request id. Writes to
 * stdout in blocks (`bufferedStdout`), or to `destination` (tests).
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
  return pino(settings, destination ?? bufferedStdout());
}
