import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fetchCapped,
  ResponseTooLarge,
  SubgraphHeaders,
  SubgraphResponse,
} from './subgraph-fetch.js';

// The gateway's fetcher for Apollo's RemoteGraphQLDataSource: node:http with keep-alive, a byte
// cap, and an answer that keeps Apollo's fetcher contract without a fetch Response.

describe('SubgraphHeaders', () => {
  it('reads names case-insensitively and joins repeated headers as fetch Headers do', () => {
    const headers = new SubgraphHeaders([
      ['Content-Type', 'application/json'],
      ['Cache-Control', 'max-age=60'],
      ['cache-control', 'public'],
    ]);
    expect(headers.get('content-type')).toBe('application/json');
    expect(headers.get('CACHE-CONTROL')).toBe('max-age=60, public');
    expect(headers.has('Content-Type')).toBe(true);
    expect(headers.get('x-missing')).toBeNull();
    headers.delete('Content-Type');
    headers.set('X-One', '1');
    expect([...headers]).toEqual([
      ['cache-control', 'max-age=60, public'],
      ['x-one', '1'],
    ]);
  });
});

describe('SubgraphResponse', () => {
  it('is ok for 2xx only, and its body is read once, as a fetch body is', async () => {
    const answer = new SubgraphResponse('{"data":{"a":1}}', 200, 'OK', new SubgraphHeaders(), 'u');
    const copy = answer.clone();
    expect(answer).toMatchObject({ ok: true, status: 200, bodyUsed: false, url: 'u' });
    expect(await answer.json()).toEqual({ data: { a: 1 } });
    expect(answer.bodyUsed).toBe(true);
    await expect(answer.text()).rejects.toThrow(/already read/);
    expect(await copy.text()).toBe('{"data":{"a":1}}');
    expect(new SubgraphResponse(undefined, 404, 'Not Found', new SubgraphHeaders(), 'u').ok).toBe(
      false,
    );
  });

  it('refuses a status no HTTP answer carries', () => {
    expect(() => new SubgraphResponse('', 600, '', new SubgraphHeaders(), 'u')).toThrow(RangeError);
    expect(() => new SubgraphResponse('', 101, '', new SubgraphHeaders(), 'u')).toThrow(RangeError);
  });
});

describe('fetchCapped', () => {
  let server: Server;
  let url: string;
  const seen: { headers: Record<string, unknown>; body: string }[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        seen.push({ headers: req.headers, body });
        const size = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('size') ?? 0);
        res.setHeader('content-type', 'application/json');
        res.appendHeader('x-repeated', ['a', 'b']);
        res.end(JSON.stringify({ data: { blob: 'x'.repeat(size) } }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends the body with its length and the headers given, and answers with the bytes read', async () => {
    const answer = await fetchCapped(
      `${url}?size=10`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-a': '1' },
        body: '{"é":1}',
      },
      1_000,
      undefined,
    );
    expect(seen.at(-1)).toMatchObject({
      body: '{"é":1}',
      headers: { 'content-length': '8', 'x-a': '1', 'content-type': 'application/json' },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('Content-Type')).toBe('application/json');
    expect(answer.headers.get('x-repeated')).toBe('a, b');
    expect(await answer.json()).toEqual({ data: { blob: 'x'.repeat(10) } });
  });

  it('stops reading past the byte cap', async () => {
    await expect(
      fetchCapped(`${url}?size=5000`, { method: 'POST', body: '{}' }, 1_000, undefined),
    ).rejects.toBeInstanceOf(ResponseTooLarge);
  });

  it('refuses a body that is not a string, and an aborted signal, without sending anything', async () => {
    const before = seen.length;
    await expect(
      fetchCapped(url, { method: 'POST', body: Buffer.from('{}') }, 1_000, undefined),
    ).rejects.toThrow(TypeError);
    await expect(
      fetchCapped(url, { method: 'POST', body: '{}' }, 1_000, AbortSignal.abort()),
    ).rejects.toThrow();
    expect(seen.length).toBe(before);
  });
});
