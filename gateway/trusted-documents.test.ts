import { createHash } from 'node:crypto';
import { parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { operationOf, withTypename } from '../clients/operations/index.js';
import { cacheControlOf } from './http-cache.js';
import { heldToTrusted, requestedHash, TrustedDocuments } from './trusted-documents.js';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

describe('trusted documents', () => {
  const operation = operationOf(
    'Probe.graphql',
    '# A probe.\nquery Probe { countries { totalCount edges { node { iso3 } } } }\n',
  );
  const trusted = new TrustedDocuments([operation]);

  it('adds __typename as Apollo Client does: not at the root, not twice', () => {
    expect(print(withTypename(parse('{ a { b { __typename c } } d }')))).toBe(
      print(parse('{ a { b { __typename c } __typename } d }')),
    );
    expect(operation.apolloClientBody).toContain('__typename');
  });

  it('finds both forms by hash, from a POST body or a GET query string', () => {
    expect(trusted.nameOf(operation.sha256)).toBe('Probe');
    expect(trusted.nameOf(operation.apolloClientSha256)).toBe('Probe');
    expect(requestedHash({ query: operation.body }, '')).toBe(operation.sha256);
    const extensions = { persistedQuery: { version: 1, sha256Hash: operation.apolloClientSha256 } };
    expect(
      requestedHash(undefined, `?extensions=${encodeURIComponent(JSON.stringify(extensions))}`),
    ).toBe(operation.apolloClientSha256);
    expect(requestedHash({ query: '{ other }' }, '')).toBe(sha('{ other }'));
    expect(requestedHash([{ query: operation.body }], '')).toBeUndefined();
  });

  it('holds a request by role or by origin; with neither listed, every request', () => {
    const settings = {
      mode: 'enforce' as const,
      roles: ['analyst'],
      origins: ['https://d.example'],
    };
    expect(heldToTrusted(settings, 'analyst', undefined)).toBe(true);
    expect(heldToTrusted(settings, 'public', 'https://d.example')).toBe(true);
    expect(heldToTrusted(settings, 'public', 'https://other.example')).toBe(false);
    expect(heldToTrusted({ mode: 'enforce', roles: [], origins: [] }, 'public', undefined)).toBe(
      true,
    );
  });
});

describe('cacheControlOf', () => {
  const base = {
    method: 'GET',
    operation: 'query',
    role: 'public',
    hasErrors: false,
    hint: { maxAge: 300, scope: 'PUBLIC' },
  };
  it('is public only for an anonymous GET of a cacheable query', () => {
    expect(cacheControlOf(base)).toBe('public, max-age=300');
    expect(cacheControlOf({ ...base, role: 'analyst' })).toBe('private, max-age=300');
    expect(cacheControlOf({ ...base, hint: { maxAge: 300, scope: 'PRIVATE' } })).toBe(
      'private, max-age=300',
    );
    expect(cacheControlOf({ ...base, method: 'POST' })).toBe('no-store');
    expect(cacheControlOf({ ...base, operation: 'mutation' })).toBe('no-store');
    expect(cacheControlOf({ ...base, hasErrors: true })).toBe('no-store');
    expect(cacheControlOf({ ...base, hint: undefined })).toBe('no-store');
  });
});
