import { describe, expect, it } from 'vitest';
import { ConfigError, readRuntimeConfig } from './config.js';
import { keySlot, parseRedisUrl } from './redis-cluster.js';

describe('parseRedisUrl', () => {
  it('reads redis:// and rediss:// as one server, unchanged', () => {
    expect(parseRedisUrl('redis://127.0.0.1:6379/4')).toEqual({
      kind: 'single',
      url: 'redis://127.0.0.1:6379/4',
    });
    expect(parseRedisUrl('rediss://u:p@cache.example:6380').kind).toBe('single');
  });

  it('reads redis+cluster:// as the seed nodes of a cluster, with credentials and TLS', () => {
    expect(parseRedisUrl('rediss+cluster://crg-laws:p%40ss@10.0.0.1:7000,[::1]:7001')).toEqual({
      kind: 'cluster',
      nodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: '::1', port: 7001 },
      ],
      username: 'crg-laws',
      password: 'p@ss',
      tls: true,
    });
    expect(parseRedisUrl('redis+cluster://h:7000')).toEqual({
      kind: 'cluster',
      nodes: [{ host: 'h', port: 7000 }],
      tls: false,
    });
  });

  it('refuses what a cluster cannot do, saying what to write instead', () => {
    expect(() => parseRedisUrl('redis+cluster://h:7000/3')).toThrow(/only database 0/);
    expect(() => parseRedisUrl('redis+cluster://h:7000,h')).toThrow(/"h" that is not host:port/);
    expect(() => parseRedisUrl('http://h:1')).toThrow(/redis\+cluster:\/\//);
  });

  it('is checked with the rest of the configuration', () => {
    expect(readRuntimeConfig({ REDIS_URL: 'redis+cluster://a:1,b:2' }).redisUrl).toBe(
      'redis+cluster://a:1,b:2',
    );
    expect(() => readRuntimeConfig({ REDIS_URL: 'redis+cluster://a:1/2' })).toThrow(ConfigError);
  });
});

describe('keySlot', () => {
  it('hashes the whole key, or only its non-empty hash tag', () => {
    expect(keySlot('123456789')).toBe(0x31c3 % 16384);
    expect(keySlot('{user1000}.following')).toBe(keySlot('user1000'));
    expect(keySlot('foo{}{bar}')).not.toBe(keySlot('bar')); // an empty first tag: whole key
  });
});
