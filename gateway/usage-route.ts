import type { IncomingMessage, ServerResponse } from 'node:http';
import { normalizeCoordinate, usageReport, USAGE_RETENTION_DAYS } from '../loaders/usage-store.js';
import type { UsageStore } from '../loaders/usage-store.js';
import { sendGraphQLError, sendJson } from '../schema/server/http.js';
import { opsAllowed } from '../schema/server/ops-access.js';

/**
 * `GET /usage?coordinate=Country.partners(category)&days=30`: who used a schema coordinate in
 * the window (at most the retention, 31 days), by client and version, with each operation's
 * count and signature. An operational endpoint: served where `/metrics` is, behind its token.
 */
export function usageRoute(store: UsageStore, token: string | undefined, servedHere: boolean) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!servedHere) {
      sendGraphQLError(res, 404, 'NOT_FOUND', 'No route /usage; GraphQL is served at /graphql.');
      return;
    }
    if (!opsAllowed(req, token)) {
      res.setHeader('www-authenticate', 'Bearer');
      sendGraphQLError(res, 401, 'UNAUTHENTICATED', 'The metrics token is missing or wrong.');
      return;
    }
    const params = new URL(req.url ?? '/', 'http://localhost').searchParams;
    const coordinate = normalizeCoordinate(params.get('coordinate') ?? '');
    const days = Number(params.get('days') ?? '30');
    if (!/^\w+(\.\w+(\(\w+:\))?)?$/.test(coordinate)) {
      sendGraphQLError(
        res,
        400,
        'BAD_USER_INPUT',
        'coordinate must be a schema coordinate: Type, Type.field, Type.field(argument) or Enum.VALUE.',
      );
      return;
    }
    if (!Number.isInteger(days) || days < 1 || days > USAGE_RETENTION_DAYS) {
      sendGraphQLError(
        res,
        400,
        'BAD_USER_INPUT',
        `days must be a whole number from 1 to ${USAGE_RETENTION_DAYS} (the retention).`,
      );
      return;
    }
    const report = await usageReport(store, (c) => c === coordinate, days);
    sendJson(res, 200, { coordinate, days, ...report });
  };
}
