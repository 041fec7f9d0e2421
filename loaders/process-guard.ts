import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from './logger.js';

/** The request being served, for logs written far from the listener. */
export const requestScope = new AsyncLocalStorage<{ readonly requestId: string }>();

/**
 * The request id a promise was created under. On Node 20 AsyncLocalStorage keeps its store on
 * each promise created inside `requestScope.run` (an own symbol property), which is the only link
 * from an `unhandledRejection` back to its request; where Node keeps it elsewhere, undefined.
 */
export function requestIdOfPromise(promise: Promise<unknown>): string | undefined {
  for (const symbol of Object.getOwnPropertySymbols(promise)) {
    const value: unknown = Reflect.get(promise, symbol);
    if (
      value !== null &&
      typeof value === 'object' &&
      'requestId' in value &&
      typeof value.requestId === 'string'
    ) {
      return value.requestId;
    }
  }
  return requestScope.getStore()?.requestId;
}

export interface ProcessGuardCounts {
  unhandledRejections: number;
}

let installed: ProcessGuardCounts | undefined;

/**
 * The process-level policy (docs/reliability.md). An unhandled promise rejection is logged with
 * the request id and the process keeps serving: a failed promise leaves no half-run synchronous
 * code behind, and Node 20's default (`--unhandled-rejections=throw`) would end every server of
 * the process for one bad request. An uncaught exception is different: it may have left a stream
 * or a pool half-updated, so it is logged, `shutdown` drains in-flight requests, and the process
 * exits 1 for its supervisor to restart it. Installed once per process.
 */
export function guardProcess(
  logger: Logger,
  shutdown: () => Promise<void>,
  exit: (code: number) => void = (code) => process.exit(code),
): ProcessGuardCounts {
  if (installed) {
    return installed;
  }
  const counts: ProcessGuardCounts = { unhandledRejections: 0 };
  installed = counts;
  process.on('unhandledRejection', (reason, promise) => {
    counts.unhandledRejections += 1;
    logger.error(
      { err: reason, requestId: requestIdOfPromise(promise) },
      'unhandled promise rejection (logged; the process keeps serving)',
    );
  });
  let exiting = false;
  process.on('uncaughtException', (error, origin) => {
    logger.fatal(
      { err: error, origin, requestId: requestScope.getStore()?.requestId },
      'uncaught exception: draining and exiting for the supervisor to restart',
    );
    if (exiting) {
      return;
    }
    exiting = true;
    const hardStop = setTimeout(() => exit(1), 10_000);
    hardStop.unref();
    shutdown().then(
      () => exit(1),
      () => exit(1),
    );
  });
  return counts;
}
