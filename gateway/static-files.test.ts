import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlHttpListener } from '../schema/server/http.js';
import { staticPage } from './static-files.js';

/** A raw request (no URL normalisation), so traversal attempts reach the server as written. */
function get(
  port: number,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const BIG = Array.from({ length: 2000 }, (_, i) => `export const value${i} = ${i};`).join('\n');

/** Like `get`, keeping the body as bytes (compressed answers). */
function getBytes(
  port: number,
  path: string,
  headers: Record<string, string>,
): Promise<{ headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('static pages', () => {
  const root = mkdtempSync(join(tmpdir(), 'crg-static-'));
  const page = join(root, 'page');
  const assets = join(root, 'assets');
  mkdirSync(page, { recursive: true });
  mkdirSync(assets, { recursive: true });
  writeFileSync(join(page, 'index.html'), '<!doctype html><p>home</p>');
  writeFileSync(join(assets, 'app-abc123.js'), 'console.log(1)');
  writeFileSync(join(assets, 'big-def456.js'), BIG);
  writeFileSync(join(root, 'secret.txt'), 'not for you');
  const server = createServer(
    graphqlHttpListener({
      apollo: undefined as never, // never reached: every path here is a route
      context: () => Promise.reject(new Error('unreached')),
      maxBodyBytes: 1024,
      prefixRoutes: {
        '/page': staticPage({ root: page, mount: '/page', fallbackToIndex: true }),
        '/assets': staticPage({ root: assets, mount: '/assets', immutable: true }),
        '/unbuilt': staticPage({ root: join(root, 'missing'), mount: '/unbuilt' }),
      },
    }),
  );
  let port = 0;
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('serves the index with a CSP and revalidation, assets as immutable, with ETag and 304', async () => {
    const home = await get(port, '/page');
    expect(home.status).toBe(200);
    expect(home.body).toContain('home');
    expect(home.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(home.headers['cache-control']).toBe('no-cache');
    expect(String(home.headers['content-security-policy'])).toContain("default-src 'self'");
    const asset = await get(port, '/assets/app-abc123.js');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    const again = await get(port, '/assets/app-abc123.js', {
      'if-none-match': String(asset.headers['etag']),
    });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
    const head = await get(port, '/page/', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('sends text compressed as the client accepts it, brotli first, with an ETag per encoding', async () => {
    const plain = await get(port, '/assets/big-def456.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(BIG);
    expect(plain.headers['vary']).toBe('accept-encoding');
    const br = await getBytes(port, '/assets/big-def456.js', { 'accept-encoding': 'gzip, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).toString()).toBe(BIG);
    expect(br.body.length).toBeLessThan(BIG.length / 4);
    const gz = await getBytes(port, '/assets/big-def456.js', {
      'accept-encoding': 'br;q=0, gzip',
    });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(BIG);
    expect(new Set([plain.headers['etag'], br.headers['etag'], gz.headers['etag']]).size).toBe(3);
    const again = await get(port, '/assets/big-def456.js', {
      'accept-encoding': 'br',
      'if-none-match': String(br.headers['etag']),
    });
    expect(again.status).toBe(304);
    // A small file is not worth compressing.
    const small = await get(port, '/assets/app-abc123.js', { 'accept-encoding': 'br' });
    expect(small.headers['content-encoding']).toBeUndefined();
  });

  it('answers a page route with the index, and a missing asset with 404', async () => {
    expect((await get(port, '/page/country/KEN')).body).toContain('home');
    const missing = await get(port, '/assets/nope.js');
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body).errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('never serves a file outside its folder', async () => {
    for (const path of [
      '/page/../secret.txt',
      '/page/%2e%2e/secret.txt',
      '/page/..%2fsecret.txt',
      '/page/%2e%2e%5csecret.txt',
      '/page/assets/%00.js',
      '/page/%E0%A4%A',
    ]) {
      const answer = await get(port, path);
      expect([400, 404], path).toContain(answer.status);
      expect(answer.body, path).not.toContain('not for you');
    }
  });

  it('refuses other methods and says when a page is not built', async () => {
    const post = await get(port, '/page', {}, 'POST');
    expect(post.status).toBe(405);
    expect(post.headers['allow']).toBe('GET, HEAD');
    const unbuilt = await get(port, '/unbuilt');
    expect(unbuilt.status).toBe(404);
    expect(JSON.parse(unbuilt.body).errors[0].message).toBe(
      '/unbuilt is not built: run npm run build.',
    );
  });
});
