import { describe, expect, it } from 'vitest';
import { mixedPool } from '../../bench/workloads/mixed.js';
import { readDataPack, seededRandom } from '../../bench/workloads/pool.js';
import { roundOrder } from '../../bench/workloads/rounds.js';

describe('the mixed benchmark pool', () => {
  it('holds at least 2,000 distinct requests, the same on every build', () => {
    const pool = mixedPool();
    const keys = pool.map((r) => JSON.stringify([r.query, r.variables]));
    expect(new Set(keys).size).toBe(pool.length);
    expect(pool.length).toBeGreaterThanOrEqual(2000);
    expect(mixedPool().map((r) => JSON.stringify([r.query, r.variables]))).toEqual(keys);
  });

  it('draws States only from the data pack, and its quick slice keeps every 30th request', () => {
    const states = new Set(readDataPack().countries.map((c) => c.iso3));
    const pool = mixedPool();
    const asked = pool.flatMap((r) =>
      typeof r.variables['iso3'] === 'string' ? [r.variables['iso3']] : [],
    );
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.every((iso3) => states.has(iso3))).toBe(true);
    expect(mixedPool(30).length).toBe(Math.ceil(pool.length / 30));
  });

  it('checks answers: errors, missing data and wrong shapes fail', () => {
    const request = mixedPool().find((r) => r.family === 'DashboardCountryProfile')!;
    const iso3 = request.variables['iso3'];
    expect(request.check({ data: { country: { iso3 } } })).toBeUndefined();
    expect(request.check({ errors: [{ message: 'boom' }] })).toMatch(/^errors/);
    expect(request.check({ data: null })).toBe('no data');
    expect(request.check({ data: { country: { iso3: 'XXX' } } })).toMatch(/unexpected shape/);
  });

  it('has a seeded PRNG: one seed, one sequence', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });
});

describe("the pool workloads' rounds", () => {
  it('rotate the gateways by one each round, so the first three each start one round of three', () => {
    const modes = ['ours', 'hive-gateway', 'hive-router', 'apollo'];
    expect([0, 1, 2].map((round) => roundOrder(modes, round)[0])).toEqual([
      'ours',
      'hive-gateway',
      'hive-router',
    ]);
    expect(roundOrder(modes, 1)).toEqual(['hive-gateway', 'hive-router', 'apollo', 'ours']);
    expect(roundOrder(modes, 4)).toEqual(modes);
  });
});
