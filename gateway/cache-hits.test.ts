import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { HitIndex, hitKeyOf, type RememberedRequest } from './cache-hits.js';
import { fieldOwnersOf, validEntry, validEntryBytes } from './response-cache.js';

function request(
  method: string,
  headers: Record<string, string> = { 'content-type': 'application/json' },
): IncomingMessage {
  return { method, headers } as unknown as IncomingMessage;
}

function post(rawBody: string) {
  return { body: JSON.parse(rawBody) as unknown, rawBody, search: '', clientRequestId: undefined };
}

const BODY = '{"query":"{ countries { totalCount } }"}';

describe('hitKeyOf', () => {
  it('keys a POST by its raw bytes, role and the headers that shape the answer', () => {
    const key = hitKeyOf(request('POST'), post(BODY), 'public');
    expect(key).toMatch(/^[\w-]{43}$/);
    expect(hitKeyOf(request('POST'), post(BODY), 'public')).toBe(key);
    const others = [
      hitKeyOf(request('POST'), post(BODY), 'analyst'),
      hitKeyOf(request('POST'), post('{"query": "{ countries { totalCount } }"}'), 'public'),
      hitKeyOf(
        request('POST', { 'content-type': 'application/json', accept: 'application/json' }),
        post(BODY),
        'public',
      ),
      hitKeyOf(
        request('POST', { 'content-type': 'application/json', origin: 'https://a.example' }),
        post(BODY),
        'public',
      ),
      hitKeyOf(
        request('POST', {
          'content-type': 'application/json',
          'apollographql-client-name': 'dashboard',
        }),
        post(BODY),
        'public',
      ),
      hitKeyOf(request('POST', { 'content-type': 'text/plain; x=json' }), post(BODY), 'public'),
    ];
    expect(new Set([key, ...others]).size).toBe(others.length + 1);
  });

  it('keeps out roles whose answers are not cached, non-objects, HEAD and GETs with text', () => {
    expect(hitKeyOf(request('POST'), post(BODY), 'editor')).toBeUndefined();
    expect(hitKeyOf(request('POST'), post(`[${BODY}]`), 'public')).toBeUndefined();
    expect(hitKeyOf(request('POST'), post('"text"'), 'public')).toBeUndefined();
    expect(hitKeyOf(request('POST'), post('null'), 'public')).toBeUndefined();
    const get = (search: string) => ({
      body: undefined,
      rawBody: '',
      search,
      clientRequestId: undefined,
    });
    expect(hitKeyOf(request('HEAD'), get(''), 'public')).toBeUndefined();
    expect(hitKeyOf(request('GET'), get('?query=%7B__typename%7D'), 'public')).toBeUndefined();
    const persisted = `?extensions=${encodeURIComponent('{"persistedQuery":{"version":1,"sha256Hash":"ab"}}')}`;
    expect(hitKeyOf(request('GET'), get(persisted), 'public')).toMatch(/^[\w-]{43}$/);
  });
});

describe('HitIndex', () => {
  const remembered = (owners: RememberedRequest['owners']): RememberedRequest => ({
    owners,
    entryKey: 'rc:v2:x',
    tags: ['Country'],
    cost: 12,
    operationName: null,
    usage: undefined,
    ttlSeconds: 60,
  });

  it('forgets what was measured on another supergraph', () => {
    const index = new HitIndex();
    const before = fieldOwnersOf('type Query { a: Int }');
    index.remember('k', remembered(before));
    expect(index.recall('k', before)?.cost).toBe(12);
    expect(index.recall('k', fieldOwnersOf('type Query { a: Int }'))).toBeUndefined();
  });

  it('holds at most its bound', () => {
    const index = new HitIndex(3);
    for (let i = 0; i < 10; i += 1) {
      index.remember(`k${i}`, remembered(undefined));
    }
    expect(index.size).toBe(3);
    expect(index.recall('k9', undefined)).toBeDefined();
    expect(index.recall('k0', undefined)).toBeUndefined();
  });

  it('keeps copies of large entries only, none over a quarter of its bytes, within its bytes', () => {
    const index = new HitIndex(10, 400 * 1024);
    const entry = (kib: number) => ({ policy: undefined, data: Buffer.alloc(kib * 1024, 1) });
    const keep = (key: string, kib: number) =>
      index.keepHot({ ...remembered(undefined), entryKey: key }, entry(kib), ['v1']);
    keep('small', 15);
    keep('large', 16);
    keep('too-large', 101);
    expect(index.hot('small')).toBeUndefined();
    expect(index.hot('too-large')).toBeUndefined();
    const large = index.hot('large');
    expect(large?.versions).toEqual(['v1']);
    expect(large?.entry.data.length).toBe(16 * 1024);
    for (let i = 0; i < 8; i += 1) {
      keep(`k${i}`, 100); // 800 KiB asked for, 400 KiB held: the oldest go.
    }
    expect(index.hot('large')).toBeUndefined();
    expect(index.hot('k7')).toBeDefined();
    expect(index.hot('k0')).toBeUndefined();
    index.dropHot('k7');
    expect(index.hot('k7')).toBeUndefined();
    expect(new HitIndex(10, 0).hot('k7')).toBeUndefined();
  });
});

describe('validEntry', () => {
  const stored = `${JSON.stringify({ v: ['1', '2'], p: { maxAge: 60, scope: 'PUBLIC' } })}\n{"a":1}`;

  it('returns the data unparsed while every tag version is the one stored', () => {
    expect(validEntry(stored, ['1', '2'])).toEqual({
      policy: { maxAge: 60, scope: 'PUBLIC' },
      dataJson: '{"a":1}',
    });
  });

  it('is a miss for a changed or missing version, or anything but an entry', () => {
    expect(validEntry(stored, ['1', '3'])).toBeUndefined();
    expect(validEntry(stored, ['1', null])).toBeUndefined();
    expect(validEntry(stored, ['1'])).toBeUndefined();
    for (const corrupt of [null, '', '{"v":[]}', 'x\n{}', '{"v":"12"}\n{}', '{"v":1}\n{}']) {
      expect(validEntry(corrupt, [])).toBeUndefined();
    }
  });
});

describe('validEntryBytes', () => {
  // Text beyond Latin-1 (a curly apostrophe, an em dash, CJK) makes V8 keep a string as two-byte
  // text: decoding and encoding it on every hit was most of a large hit's cost.
  const data = '{"name":"Côte d’Ivoire — 中文"}';
  const stored = Buffer.from(
    `${JSON.stringify({ v: ['1', '2'], p: { maxAge: 60, scope: 'PUBLIC' } })}\n${data}`,
  );

  it('returns the data as the very bytes stored, a view of the entry, while valid', () => {
    const entry = validEntryBytes(stored, ['1', '2']);
    expect(entry?.policy).toEqual({ maxAge: 60, scope: 'PUBLIC' });
    expect(entry?.data.equals(Buffer.from(data))).toBe(true);
    expect(entry?.data.buffer).toBe(stored.buffer); // not copied, not decoded
  });

  it('agrees with validEntry on every entry, valid, stale or corrupt', () => {
    const entries = [stored.toString(), '', '{"v":[]}', 'x\n{}', '{"v":"12"}\n{}', '{"v":1}\n{}'];
    for (const text of entries) {
      for (const versions of [['1', '2'], ['1', '3'], ['1', null], ['1'], []]) {
        const bytes = validEntryBytes(Buffer.from(text), versions);
        const string = validEntry(text, versions);
        expect(bytes && { policy: bytes.policy, dataJson: bytes.data.toString() }).toEqual(string);
      }
    }
    expect(validEntryBytes(null, [])).toBeUndefined();
  });
});
