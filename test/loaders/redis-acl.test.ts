import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cacheForTier,
  redisAclUsers,
  redisServerUserArgs,
  redisUserName,
  scopedCache,
  subgraphCacheScope,
  TAG_PREFIX,
} from '../../loaders/cache-scope.js';
import { MemoryCache, RedisCache } from '../../loaders/cache.js';
import { tagKey } from '../../loaders/invalidation.js';
import { startPrivateRedis, type PrivateRedis } from '../support/private-redis.js';

// Redis ACL users per service, against a private redis-server started with the same `--user`
// arguments docker-compose.yml gives the real one.

const SERVICES = ['member-states', 'laws', 'hotline-reports'];
const password = (service: string) => `test-password-of-${service}-000000000000`;

let redis: PrivateRedis;
const clients: Redis[] = [];

function as(service: string): Redis {
  const client = new Redis(redis.url(redisUserName(service), password(service)), {
    maxRetriesPerRequest: 0,
  });
  clients.push(client);
  return client;
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => 'allowed',
    (error: Error) => error.message.split(' ')[0],
  );

beforeAll(async () => {
  redis = await startPrivateRedis(redisServerUserArgs(redisAclUsers(SERVICES, password)));
}, 30_000);

afterAll(async () => {
  for (const client of clients) {
    client.disconnect();
  }
  await redis?.stop();
});

describe('Redis ACL users per service', () => {
  it('lets member-states cache its RESTRICTED entities where hotline-reports cannot read them', async () => {
    const memberStates = as('member-states');
    await memberStates.set('member-states:v1:needs-assessment:NA-1', '{"secret":true}', 'EX', 60);
    const partner = as('hotline-reports');
    expect(await refusal(partner.get('member-states:v1:needs-assessment:NA-1'))).toBe('NOPERM');
    expect(await refusal(partner.set('member-states:v1:needs-assessment:NA-1', 'x'))).toBe(
      'NOPERM',
    );
    expect(await refusal(partner.set('hotline-reports:v1:figure:KEN', '1'))).toBe('allowed');
    expect(await partner.get('hotline-reports:v1:figure:KEN')).toBe('1');
  });

  it('lets a subgraph bump response tags without reading them, and the gateway read them', async () => {
    const laws = as('laws');
    expect(await refusal(laws.set(tagKey('Legislation'), 'v2'))).toBe('allowed');
    expect(await refusal(laws.get(tagKey('Legislation')))).toBe('NOPERM');
    const gateway = as('gateway');
    expect(await gateway.get(tagKey('Legislation'))).toBe('v2');
    expect(await refusal(gateway.set(tagKey('Legislation'), 'forged'))).toBe('NOPERM');
    expect(await refusal(gateway.get('member-states:v1:needs-assessment:NA-1'))).toBe('NOPERM');
    expect(await refusal(gateway.incrby('rl:v1:viewer:1', 5))).toBe('allowed');
  });

  it('refuses every service the commands that read or wipe the whole store', async () => {
    const partner = as('hotline-reports');
    expect(await refusal(partner.keys('*'))).toBe('NOPERM');
    expect(await refusal(partner.scan(0))).toBe('NOPERM');
    expect(await refusal(partner.flushall())).toBe('NOPERM');
    expect(await refusal(partner.call('config', 'get', '*'))).toBe('NOPERM');
    expect(await refusal(partner.eval('return 1', 0))).toBe('NOPERM');
  });

  it('refuses the default user', async () => {
    const { stdout } = await promisify(execFile)('redis-cli', [
      '-p',
      String(redis.port),
      'get',
      'member-states:v1:needs-assessment:NA-1',
    ]);
    expect(stdout).toMatch(/^NOAUTH/);
  });

  it('keeps RedisCache working for a scoped user: a key outside its scope is a miss', async () => {
    const memberStates = as('member-states');
    await memberStates.set('member-states:v1:country:KEN', '"Kenya"', 'EX', 60);
    const cache = new RedisCache(as('hotline-reports'));
    expect(await cache.getMany(['member-states:v1:country:KEN'])).toEqual([null]);
    expect(cache.stats.errors).toBe(1);
  });
});

describe('scopedCache: the same scope in process', () => {
  it('is what a PARTNER-tier subgraph of the one-process stack gets; a CORE one shares the cache', async () => {
    const shared = new MemoryCache({ maxEntries: 100 });
    await shared.setMany([['laws:v1:law:1', 'x']], 60);
    expect(cacheForTier(shared, 'laws', 'CORE')).toBe(shared);
    const partner = cacheForTier(shared, 'hotline-reports', 'PARTNER');
    expect(await partner.getMany(['laws:v1:law:1'])).toEqual([null]);
    expect(
      await cacheForTier(shared, 'unregistered', undefined).getMany(['laws:v1:law:1']),
    ).toEqual([null]);
  });

  it('reads and writes only its own keys, and only writes tags', async () => {
    const shared = new MemoryCache({ maxEntries: 100 });
    await shared.setMany([['member-states:v1:needs-assessment:NA-1', 'secret']], 60);
    const refused: string[] = [];
    const partner = scopedCache(shared, subgraphCacheScope('hotline-reports'), (e) =>
      refused.push(e.message),
    );
    expect(await partner.getMany(['member-states:v1:needs-assessment:NA-1'])).toEqual([null]);
    await partner.setMany([['member-states:v1:needs-assessment:NA-1', 'forged']], 60);
    await partner.deleteMany(['member-states:v1:needs-assessment:NA-1']);
    expect(await shared.getMany(['member-states:v1:needs-assessment:NA-1'])).toEqual(['secret']);
    await partner.setMany(
      [
        ['hotline-reports:v1:x', '1'],
        [tagKey('HotlineReportsFigure'), 'v2'],
      ],
      60,
    );
    expect(await partner.getMany(['hotline-reports:v1:x', tagKey('HotlineReportsFigure')])).toEqual(
      ['1', null],
    );
    expect(tagKey('x').startsWith(TAG_PREFIX)).toBe(true);
    expect(refused).toEqual([
      'cache key "member-states:v1:needs-assessment:NA-1" is outside this service\'s scope (read)',
      'cache key "member-states:v1:needs-assessment:NA-1" is outside this service\'s scope (write)',
      'cache key "member-states:v1:needs-assessment:NA-1" is outside this service\'s scope (write)',
      'cache key "tag:v1:HotlineReportsFigure" is outside this service\'s scope (read)',
    ]);
  });
});
