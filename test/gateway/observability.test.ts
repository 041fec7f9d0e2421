import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayStack, type GatewayStack } from './stack.js';

const lines: Record<string, unknown>[] = [];
let stack: GatewayStack;

beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  stack = await startGatewayStack({ RESPONSE_CACHE: 'off' }, pino({ level: 'info' }, sink));
});
afterAll(() => stack?.close());

describe('request logs', () => {
  it('writes one JSON line per request with the request id, operation, status and cost', async () => {
    const response = await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'log-test-1' },
      body: JSON.stringify({ query: 'query Dashboard { countries(first: 2) { totalCount } }' }),
    });
    // The gateway names the request itself; the client's id is logged apart.
    const requestId = response.headers.get('x-request-id');
    expect(requestId).not.toBe('log-test-1');
    await response.json();
    const line = lines.find((l) => l['clientRequestId'] === 'log-test-1');
    expect(line).toMatchObject({
      requestId,
      msg: 'graphql request',
      operation: 'Dashboard',
      role: 'public',
      status: 'ok',
      httpStatus: 200,
      cost: 3,
    });
    expect(line?.['durationMs']).toEqual(expect.any(Number));
  });

  it('logs a refused operation with its error code, as rejected (a client error), not an error', async () => {
    for (const [id, body, code] of [
      ['log-test-2', { query: '{ countries(first: 100000) { totalCount } }' }, 'QUERY_TOO_COMPLEX'],
      [
        'log-test-3',
        { query: 'query A { __typename } query B { __typename }' },
        'OPERATION_RESOLUTION_FAILURE',
      ],
    ] as const) {
      await fetch(stack.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': id },
        body: JSON.stringify(body),
      });
      expect(lines.find((l) => l['clientRequestId'] === id)).toMatchObject({
        status: 'rejected',
        httpStatus: 400,
        errorCodes: [code],
      });
    }
  });
});
