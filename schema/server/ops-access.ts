import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Who may read the operational endpoints (`/metrics`, and `/ready`'s per-subgraph detail): with
 * a token configured, only a request bearing it (compared in constant time); without one, anyone
 * who can reach the listener serving them.
 */
export function opsAllowed(req: IncomingMessage, token: string | undefined): boolean {
  if (token === undefined) {
    return true;
  }
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  const given = Buffer.from(match?.[1] ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
