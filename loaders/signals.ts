import type { Logger } from './logger.js';
import { guardProcess } from './process-guard.js';

/**
 * Stops cleanly on SIGINT/SIGTERM: in-flight requests finish, then the process exits. Also
 * installs the process-level policy for unhandled rejections and uncaught exceptions.
 */
export function closeOnSignals(close: () => Promise<void>, logger: Logger): void {
  guardProcess(logger, close);
  let closing = false;
  const stop = (signal: string) => {
    if (closing) {
      return;
    }
    closing = true;
    logger.info({ signal }, 'shutting down');
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}
