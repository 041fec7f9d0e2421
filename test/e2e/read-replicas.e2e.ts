import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCache } from '../../loaders/cache.js';
import { readRuntimeConfig } from '../../loaders/config.js';
import type { DatabaseTarget } from '../../loaders/database.js';
import { createLogger } from '../../loaders/logger.js';
import { runInRequestScope } from '../../loaders/request-scope.js';
import { openRuntime } from '../../loaders/runtime.js';
import { startTestSubgraph, type TestSubgraph } from '../support/harness.js';
import { notesSubgraph } from '../support/notes-subgraph.js';
import {
  privateReplicaAvailable,
  queryOnce,
  startPrivatePostgres,
  startPrivateReplica,
  waitUntil,
  type PrivatePostgres,
  type PrivateReplica,
} from '../support/private-services.js';
import { as } from '../support/viewer.js';

// Issue #23 item 5, "PostgreSQL read replicas". The machine's PostgreSQL (127.0.0.1:5432) allows
// no replication connections (its pg_hba.conf has no `replication` line, and its configuration is
// not the tests' to change), so this test makes its own primary with initdb on a local port and a
// streaming replica of it with pg_basebackup -R, both removed afterwards, failed or not. Ports:
// REPLICA_TEST_PORT (primary; the replica takes the next one), default 5441.

const PRIMARY_PORT = Number(process.env['REPLICA_TEST_PORT'] ?? 5441);
const NOTE = '{ note(id: $id) { id text } }';
const QUERY_NOTE = `query ($id: ID!) ${NOTE}`;

describe.runIf(privateReplicaAvailable())(
  'read replicas (private primary and streaming replica; skipped without PostgreSQL 15 binaries)',
  () => {
    let primary: PrivatePostgres | undefined;
    let replica: PrivateReplica | undefined;
    let notes: TestSubgraph | undefined;
    const changes: { replica: string; down: boolean }[] = [];

    const subgraph = () => notes as TestSubgraph;
    /** Resolves once the replica has replayed everything the primary wrote so far. */
    const replayed = async () => {
      const [now] = await queryOnce(
        (primary as PrivatePostgres).url,
        'select pg_current_wal_lsn()::text as lsn',
      );
      await waitUntil(60_000, 'the replica replayed the primary', async () => {
        const [row] = await queryOnce(
          (replica as PrivateReplica).url,
          'select pg_last_wal_replay_lsn() >= $1::pg_lsn as v',
          [now?.['lsn']],
        );
        return row?.['v'] === true;
      });
    };

    /**
     * Asks the replica to pause replay, runs `write` on the primary, and waits until replay has
     * stopped: it stops before the next record it meets, so the write stays unseen there.
     */
    const pausedAround = async (write: () => Promise<unknown>) => {
      await queryOnce((replica as PrivateReplica).url, 'select pg_wal_replay_pause()');
      await write();
      await waitUntil(60_000, 'replay on the replica is paused', async () => {
        const [row] = await queryOnce(
          (replica as PrivateReplica).url,
          'select pg_get_wal_replay_pause_state() as v',
        );
        return row?.['v'] === 'paused';
      });
    };

    beforeAll(async () => {
      primary = await startPrivatePostgres(PRIMARY_PORT);
      replica = await startPrivateReplica(primary, PRIMARY_PORT + 1);
      const target: DatabaseTarget = {
        kind: 'postgres',
        url: primary.url,
        replicaUrls: [replica.url],
        poolSize: 4,
      };
      notes = await startTestSubgraph(notesSubgraph, {
        target,
        onReplicaChange: (name, down) => changes.push({ replica: name, down }),
      });
      await replayed();
    }, 180_000);

    afterAll(async () => {
      await notes?.close().catch(() => undefined);
      await replica?.remove();
      await primary?.remove();
    }, 60_000);

    it('serves reads from the replica: a row written on the primary stays unseen while replay is paused', async () => {
      await pausedAround(() =>
        queryOnce(
          (primary as PrivatePostgres).url,
          "insert into test_notes.note (id, text) values ('direct', 'written on the primary')",
        ),
      );
      const before = subgraph().database.routing.replicaStatements;
      const response = await subgraph().query(QUERY_NOTE, { id: 'direct' });
      expect(response.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
      expect(subgraph().database.routing.replicaStatements).toBeGreaterThan(before);
      // The root handle (migrations, seeds) works on the primary, which has the row.
      const { rows } = await sql<{ id: string }>`
        select id from test_notes.note where id = 'direct'`.execute(subgraph().database.db);
      expect(rows).toEqual([{ id: 'direct' }]);
    });

    it("reads on the replica as the subgraph's own role (roles replicate with the cluster)", async () => {
      const handle = (await subgraph().database.forSubgraph('test_notes')) as Kysely<unknown>;
      const where = () =>
        sql<{ replica: boolean; role: string }>`
          select pg_is_in_recovery() as replica, current_user as role`.execute(handle);
      const inRequest = await runInRequestScope(new AbortController().signal, where);
      expect(inRequest.rows).toEqual([{ replica: true, role: 'postgres_test_notes' }]);
      const outside = await where();
      expect(outside.rows).toEqual([{ replica: false, role: 'postgres_test_notes' }]);
    });

    it('sends a write, and every read after it in the same request, to the primary', async () => {
      const handle = (await subgraph().database.forSubgraph('test_notes')) as Kysely<unknown>;
      const find = async (id: string) =>
        (await sql<{ id: string }>`select id from test_notes.note where id = ${id}`.execute(handle))
          .rows.length;
      const seen = await runInRequestScope(new AbortController().signal, async () => {
        const beforeWrite = await find('direct');
        await handle.transaction().execute(async (trx) => {
          await sql`insert into test_notes.note (id, text) values ('own', 'mine')`.execute(trx);
        });
        return { beforeWrite, direct: await find('direct'), own: await find('own') };
      });
      expect(seen).toEqual({ beforeWrite: 0, direct: 1, own: 1 });
      // The next request reads the replica again: until it replays, it lags behind the write.
      const nextRequest = await runInRequestScope(new AbortController().signal, () => find('own'));
      expect(nextRequest).toBe(0);
    });

    it('a mutation through HTTP writes and reads back on the primary; later requests see it once the replica replays', async () => {
      // `storedText` reads the note through the loader after the write, in the same request.
      const saved = await subgraph().query(
        'mutation { saveNote(id: "http", text: "through the subgraph") { id storedText } }',
        {},
        as.editor,
      );
      expect(saved.data).toEqual({ saveNote: { id: 'http', storedText: 'through the subgraph' } });
      const lagging = await subgraph().query(QUERY_NOTE, { id: 'http' });
      expect(lagging.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
      await queryOnce((replica as PrivateReplica).url, 'select pg_wal_replay_resume()');
      await replayed();
      const replayedNote = await subgraph().query(QUERY_NOTE, { id: 'http' });
      expect(replayedNote.data).toEqual({ note: { id: 'http', text: 'through the subgraph' } });
    });

    it('purges again after a write, so an old row a lagging replica served does not stay cached', async () => {
      const target: DatabaseTarget = {
        kind: 'postgres',
        url: (primary as PrivatePostgres).url,
        replicaUrls: [(replica as PrivateReplica).url],
        poolSize: 2,
      };
      const cache = new MemoryCache({ maxEntries: 100 });
      const REPURGE_MS = 5_000;
      const cached = await startTestSubgraph(notesSubgraph, {
        target,
        cache,
        env: {
          DATABASE_URL: target.url,
          DATABASE_REPLICA_URLS: (replica as PrivateReplica).url,
          DATABASE_REPLICA_REPURGE_MS: String(REPURGE_MS),
        },
      });
      const entry = async () => (await cache.getMany(['test-notes:v1:note:lag']))[0] ?? '';
      const text = async () =>
        ((await cached.query(QUERY_NOTE, { id: 'lag' })).data as { note?: { text: string } })?.note
          ?.text;
      try {
        const save = (value: string) =>
          cached.query(`mutation { saveNote(id: "lag", text: "${value}") { id } }`, {}, as.editor);
        await save('first');
        await replayed();
        expect(await text()).toBe('first');
        // Before the write: the second purge's timer starts later, inside it.
        const writing = Date.now();
        await pausedAround(() => save('second'));
        // The write purged the cache; the paused replica still holds "first", and the loader
        // caches that again: without a second purge it would be served until its TTL (300 s).
        expect(await text()).toBe('first');
        expect(await entry()).toContain('first');
        expect(Date.now() - writing, 'the old row was cached before the second purge').toBeLessThan(
          REPURGE_MS,
        );
        await queryOnce((replica as PrivateReplica).url, 'select pg_wal_replay_resume()');
        await replayed();
        await waitUntil(REPURGE_MS + 15_000, 'the second purge, after the write', async () => {
          return (await text()) === 'second';
        });
        expect(Date.now() - writing).toBeGreaterThanOrEqual(REPURGE_MS);
        expect(await entry()).toContain('second');
      } finally {
        await queryOnce((replica as PrivateReplica).url, 'select pg_wal_replay_resume()');
        await cached.close();
      }
    });

    it('a replica that is down fails no read: the primary serves it, counted, logged once', async () => {
      await (replica as PrivateReplica).stop();
      const before = subgraph().database.routing.replicaFallbacks;
      for (let i = 0; i < 3; i += 1) {
        const response = await subgraph().query(QUERY_NOTE, { id: 'direct' });
        expect(response.data).toEqual({ note: { id: 'direct', text: 'written on the primary' } });
      }
      expect(subgraph().database.routing.replicaFallbacks).toBeGreaterThanOrEqual(before + 3);
      expect(changes).toEqual([{ replica: `127.0.0.1:${PRIMARY_PORT + 1}/postgres`, down: true }]);
    });

    it('logs an unreachable replica once, by host and database, never with its password', async () => {
      const lines: string[] = [];
      const logger = createLogger(
        { level: 'info', service: 'test' },
        { write: (line: string) => void lines.push(line) },
      );
      const config = readRuntimeConfig({
        DATABASE_URL: (primary as PrivatePostgres).url,
        DATABASE_REPLICA_URLS: 'postgres://postgres:s3cret@127.0.0.1:1/postgres',
        LOG_LEVEL: 'info',
      });
      const runtime = await openRuntime(config, logger);
      try {
        const handle = await runtime.database.forSubgraph('test_notes');
        for (let i = 0; i < 3; i += 1) {
          await runInRequestScope(new AbortController().signal, () =>
            sql`select count(*) from test_notes.note`.execute(handle),
          );
        }
        const replicaLines = lines
          .map((line) => JSON.parse(line) as { level: number; msg: string; replica?: string })
          .filter((line) => line.replica !== undefined);
        expect(replicaLines).toEqual([
          expect.objectContaining({ level: 40, replica: '127.0.0.1:1/postgres' }),
        ]);
        expect(lines.join('\n')).not.toContain('s3cret');
        expect(runtime.database.routing.replicaFallbacks).toBe(3);
      } finally {
        await runtime.close();
      }
    });
  },
);
