import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  DEV_IDENTITY_SECRET,
  DEV_IDENTITY_SIGNING_KEY,
  readRuntimeConfig,
  readSubgraphRuntimeConfig,
} from './config.js';
import { generateIdentityKey, publicJwk } from './identity.js';

describe('readRuntimeConfig', () => {
  it('needs nothing: defaults serve the embedded, zero-setup run', () => {
    const config = readRuntimeConfig({});
    expect(config.databaseUrl).toBeUndefined();
    expect(config.redisUrl).toBeUndefined();
    expect(config.identityPublicKeys).toEqual([publicJwk(DEV_IDENTITY_SIGNING_KEY)]);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads DATABASE_REPLICA_URLS as a comma-separated list of replicas of DATABASE_URL', () => {
    const config = readRuntimeConfig({
      DATABASE_URL: 'postgres://app@primary:5432/crg',
      DATABASE_REPLICA_URLS: ' postgres://app@replica-a:5432/crg, postgresql://app@replica-b/crg ,',
    });
    expect(config.databaseReplicaUrls).toEqual([
      'postgres://app@replica-a:5432/crg',
      'postgresql://app@replica-b/crg',
    ]);
    expect(readRuntimeConfig({}).databaseReplicaUrls).toEqual([]);
  });

  it('refuses replica URLs that are not postgres://, without echoing them', () => {
    const read = () =>
      readRuntimeConfig({
        DATABASE_URL: 'postgres://u@primary/db',
        DATABASE_REPLICA_URLS: 'postgres://u:secret@r/db,mysql://u:secret@r/db',
      });
    expect(read).toThrow(
      new ConfigError([
        'DATABASE_REPLICA_URLS: entry 2 is not a postgres:// URL (comma-separated list of replica URLs)',
      ]),
    );
  });

  it('reads DATABASE_REPLICA_REPURGE_MS, 2 s unless set, and names a bad one', () => {
    expect(readRuntimeConfig({}).databaseReplicaRepurgeMs).toBe(2_000);
    expect(readRuntimeConfig({ DATABASE_REPLICA_REPURGE_MS: '0' }).databaseReplicaRepurgeMs).toBe(
      0,
    );
    expect(() => readRuntimeConfig({ DATABASE_REPLICA_REPURGE_MS: '-1' })).toThrow(
      /DATABASE_REPLICA_REPURGE_MS/,
    );
  });

  it('refuses replicas without a primary', () => {
    expect(() => readRuntimeConfig({ DATABASE_REPLICA_URLS: 'postgres://u@r/db' })).toThrow(
      new ConfigError([
        'DATABASE_REPLICA_URLS: needs DATABASE_URL, the primary they replicate (writes and migrations go there)',
      ]),
    );
  });

  it('lists every problem at once', () => {
    let error: unknown;
    try {
      readRuntimeConfig({
        DATABASE_URL: 'mysql://x',
        REDIS_URL: 'nope',
        LOG_LEVEL: 'loud',
        NODE_ENV: 'production',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/DATABASE_URL/);
    expect(problems).toMatch(/REDIS_URL/);
    expect(problems).toMatch(/LOG_LEVEL/);
  });

  it('requires public identity keys of its own in production', () => {
    expect(() => readSubgraphRuntimeConfig({ NODE_ENV: 'production' })).toThrow(
      /IDENTITY_PUBLIC_KEYS/,
    );
    const problems = (env: Record<string, string>) => {
      try {
        readSubgraphRuntimeConfig({ NODE_ENV: 'production', ...env });
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    };
    const own = generateIdentityKey('core-1');
    expect(problems({ IDENTITY_PUBLIC_KEYS: JSON.stringify({ keys: [publicJwk(own)] }) })).toEqual(
      [],
    );
    expect(
      problems({ IDENTITY_PUBLIC_KEYS: JSON.stringify([publicJwk(DEV_IDENTITY_SIGNING_KEY)]) }),
    ).toEqual([expect.stringMatching(/IDENTITY_PUBLIC_KEYS: .*published development key/)]);
    expect(problems({ IDENTITY_PUBLIC_KEYS: JSON.stringify(own) })).toEqual([
      expect.stringMatching(/IDENTITY_PUBLIC_KEYS: .*private key/),
    ]);
    expect(
      problems({
        IDENTITY_PUBLIC_KEYS: JSON.stringify([publicJwk(own)]),
        IDENTITY_SECRET: DEV_IDENTITY_SECRET,
      }),
    ).toEqual([expect.stringMatching(/IDENTITY_SECRET: is no longer used/)]);
  });

  it('treats an empty variable as unset', () => {
    expect(readRuntimeConfig({ DATABASE_URL: '' }).databaseUrl).toBeUndefined();
  });
});
