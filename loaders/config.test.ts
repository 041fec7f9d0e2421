import { describe, expect, it } from 'vitest';
import { ConfigError, DEV_IDENTITY_SECRET, readRuntimeConfig } from './config.js';

describe('readRuntimeConfig', () => {
  it('needs nothing: defaults serve the embedded, zero-setup run', () => {
    const config = readRuntimeConfig({});
    expect(config.databaseUrl).toBeUndefined();
    expect(config.redisUrl).toBeUndefined();
    expect(config.identitySecret).toBe(DEV_IDENTITY_SECRET);
    expect(Object.isFrozen(config)).toBe(true);
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

  it('requires a real identity secret in production', () => {
    expect(() => readRuntimeConfig({ NODE_ENV: 'production' })).toThrow(/IDENTITY_SECRET/);
  });

  it('treats an empty variable as unset', () => {
    expect(readRuntimeConfig({ DATABASE_URL: '' }).databaseUrl).toBeUndefined();
  });
});
