import { describe, expect, it } from 'vitest';
import { createLogger } from '../loaders/logger.js';
import { MemoryUsageStore } from '../loaders/usage-store.js';
import { UsageRecorder } from './usage.js';

// Client names and operations come from requests: a hostile client sending a new name or a new
// query shape each time must not grow the usage store without bound.
describe('field usage under generated hostile traffic', () => {
  it('counts clients and operations past the day’s caps as "other", and keeps signatures short', async () => {
    const store = new MemoryUsageStore();
    const recorder = new UsageRecorder(store, createLogger({ level: 'silent', service: 'test' }), {
      maxClientsPerDay: 5,
      maxOperationsPerDay: 7,
    });
    const now = new Date('2026-12-07T12:00:00Z');
    for (let i = 0; i < 500; i += 1) {
      recorder.record(
        ['Query.countries', `Country.name`],
        {
          client: `client-${i}-${'x'.repeat(i % 50)}`,
          clientVersion: String(i),
          operation: `Op${i}#${i.toString(16).padStart(12, '0')}`,
          signature: `query Op${i} { ${'countries { name } '.repeat(1_000)}}`,
        },
        now,
      );
    }
    await recorder.stop();
    const counts = await store.find(['2026-12-07'], (c) => c === 'Query.countries');
    expect(counts.reduce((n, c) => n + c.count, 0)).toBe(500);
    const clients = new Set(counts.map((c) => c.client));
    expect(clients.size).toBe(6);
    expect(clients.has('other')).toBe(true);
    const operations = new Set(counts.map((c) => c.operation));
    expect(operations.size).toBe(8);
    expect(counts.filter((c) => c.client === 'other').reduce((n, c) => n + c.count, 0)).toBe(495);
    const signatures = await store.signatures([...operations]);
    expect(signatures.size).toBe(7);
    expect(Math.max(...[...signatures.values()].map((s) => s.length))).toBeLessThanOrEqual(4_000);
  });

  it('starts each day’s caps afresh', async () => {
    const store = new MemoryUsageStore();
    const recorder = new UsageRecorder(store, createLogger({ level: 'silent', service: 'test' }), {
      maxClientsPerDay: 1,
    });
    const who = (client: string) => ({
      client,
      clientVersion: '1',
      operation: 'Q#0',
      signature: 'q',
    });
    recorder.record(['Query.countries'], who('a'), new Date('2026-12-07T10:00:00Z'));
    recorder.record(['Query.countries'], who('b'), new Date('2026-12-07T11:00:00Z'));
    recorder.record(['Query.countries'], who('b'), new Date('2026-12-08T10:00:00Z'));
    await recorder.stop();
    const day = async (d: string) =>
      (await store.find([d], () => true)).map((c) => c.client).sort();
    expect(await day('2026-12-07')).toEqual(['a', 'other']);
    expect(await day('2026-12-08')).toEqual(['b']);
  });
});

describe('operation signatures', () => {
  it('are written once a day, not with every batch', async () => {
    const store = new MemoryUsageStore();
    const written: string[] = [];
    const add = store.add.bind(store);
    store.add = async (day, counts, signatures) => {
      written.push(...[...signatures.keys()].map((id) => `${day} ${id}`));
      await add(day, counts, signatures);
    };
    const recorder = new UsageRecorder(store, createLogger({ level: 'silent', service: 'test' }));
    const who = { client: 'c', clientVersion: '1', operation: 'Q#1', signature: 'query Q { a }' };
    for (const at of ['2026-12-07T10:00:00Z', '2026-12-07T11:00:00Z', '2026-12-08T09:00:00Z']) {
      recorder.record(['Query.a'], who, new Date(at));
      recorder.record(['Query.a'], who, new Date(at));
      await recorder.flush();
    }
    await recorder.stop();
    expect(written).toEqual(['2026-12-07 Q#1', '2026-12-08 Q#1']);
    expect((await store.find(['2026-12-07'], () => true))[0]?.count).toBe(4);
    expect(await store.signatures(['Q#1'])).toEqual(new Map([['Q#1', 'query Q { a }']]));
  });
});
