import type { ChainableCommander } from 'ioredis';
import { mgetPerNode, pipelinePerNode, type RedisClient } from './redis-cluster.js';
import { guarded } from './redis.js';

/**
 * Field usage: how often each schema coordinate (`Country`, `Country.partners`,
 * `Country.partners(category:)`, `PartnerCategory.NGO`) was used, per day, client (name and
 * version) and operation (`Name#signature-hash`). The gateway keeps no database, so the counts
 * live in the store it already has: Redis when configured (one hash per day and coordinate,
 * expiring after the retention), else process memory. Counts are written in batches.
 */
export interface UsageCount {
  readonly coordinate: string;
  readonly client: string;
  readonly clientVersion: string;
  readonly operation: string;
  readonly count: number;
}

export interface UsageStore {
  /** Adds counts to `day` (`YYYY-MM-DD`), and remembers each operation's signature text. */
  add(
    day: string,
    counts: readonly UsageCount[],
    signatures: ReadonlyMap<string, string>,
  ): Promise<void>;
  /** The counts of the coordinates `match` accepts on each of `days`, summed over the days. */
  find(days: readonly string[], match: (coordinate: string) => boolean): Promise<UsageCount[]>;
  /** The signature text of each operation id that has one. */
  signatures(operations: readonly string[]): Promise<Map<string, string>>;
}

/** Counts are kept this many days (the longest window a check may ask about), then dropped. */
export const USAGE_RETENTION_DAYS = 31;

/** The `days` days ending with `now`'s (UTC), newest first. */
export function usageDays(days: number, now: Date = new Date()): string[] {
  return Array.from({ length: Math.max(1, Math.min(days, USAGE_RETENTION_DAYS)) }, (_, i) =>
    new Date(now.getTime() - i * 86_400_000).toISOString().slice(0, 10),
  );
}

const SEP = '\u0001';
const fieldOf = (c: Pick<UsageCount, 'client' | 'clientVersion' | 'operation'>) =>
  [c.client, c.clientVersion, c.operation].join(SEP);
function countOf(coordinate: string, field: string, count: number): UsageCount {
  const [client = '', clientVersion = '', operation = ''] = field.split(SEP);
  return { coordinate, client, clientVersion, operation, count };
}

/** Sums counts with the same coordinate, client, version and operation. */
function summed(counts: readonly UsageCount[]): UsageCount[] {
  const byKey = new Map<string, UsageCount>();
  for (const c of counts) {
    const key = `${c.coordinate}${SEP}${fieldOf(c)}`;
    const before = byKey.get(key)?.count ?? 0;
    byKey.set(key, { ...c, count: before + c.count });
  }
  return [...byKey.values()];
}

/** In process memory: one gateway, or tests; days past the retention are dropped on write. */
/** The operation texts the in-process store keeps, the least recently written dropped first. */
const MAX_MEMORY_SIGNATURES = 10_000;

export class MemoryUsageStore implements UsageStore {
  readonly #days = new Map<string, Map<string, Map<string, number>>>();
  readonly #signatures = new Map<string, string>();

  async add(day: string, counts: readonly UsageCount[], signatures: ReadonlyMap<string, string>) {
    const byCoordinate = this.#days.get(day) ?? new Map<string, Map<string, number>>();
    this.#days.set(day, byCoordinate);
    for (const c of counts) {
      const fields = byCoordinate.get(c.coordinate) ?? new Map<string, number>();
      byCoordinate.set(c.coordinate, fields);
      fields.set(fieldOf(c), (fields.get(fieldOf(c)) ?? 0) + c.count);
    }
    for (const [id, text] of signatures) {
      this.#signatures.delete(id);
      this.#signatures.set(id, text);
      if (this.#signatures.size > MAX_MEMORY_SIGNATURES) {
        const oldest = this.#signatures.keys().next().value;
        if (oldest !== undefined) {
          this.#signatures.delete(oldest);
        }
      }
    }
    const kept = new Set(usageDays(USAGE_RETENTION_DAYS, new Date(`${day}T00:00:00Z`)));
    for (const old of this.#days.keys()) {
      if (!kept.has(old)) {
        this.#days.delete(old);
      }
    }
  }

  async find(days: readonly string[], match: (coordinate: string) => boolean) {
    const found: UsageCount[] = [];
    for (const day of days) {
      for (const [coordinate, fields] of this.#days.get(day) ?? []) {
        if (match(coordinate)) {
          found.push(...[...fields].map(([field, n]) => countOf(coordinate, field, n)));
        }
      }
    }
    return summed(found);
  }

  async signatures(operations: readonly string[]) {
    return new Map(
      operations.flatMap((id) => {
        const text = this.#signatures.get(id);
        return text === undefined ? [] : [[id, text] as const];
      }),
    );
  }
}

const PREFIX = 'usage:v1:';
const coordinatesKey = (day: string) => `${PREFIX}${day}:coordinates`;
const countsKey = (day: string, coordinate: string) => `${PREFIX}${day}:c:${coordinate}`;
const signatureKey = (operation: string) => `${PREFIX}op:${operation}`;

/**
 * In Redis, shared by every gateway replica: per day a set of the coordinates used and a hash per
 * coordinate (`client␁version␁operation` → count), each expiring after the retention; one
 * pipeline per batch (per node of a Redis Cluster). Keys under `usage:v1:` (the gateway's own, `loaders/cache-scope.ts`).
 */
export class RedisUsageStore implements UsageStore {
  constructor(private readonly redis: RedisClient) {}

  async add(day: string, counts: readonly UsageCount[], signatures: ReadonlyMap<string, string>) {
    const ttl = USAGE_RETENTION_DAYS * 86_400;
    // Each command has one key; the batch goes out as one pipeline per node it touches.
    const commands: { key: string; queue: (pipeline: ChainableCommander) => unknown }[] = [];
    // Per coordinate one hash: an HINCRBY per count, one EXPIRE; the day's coordinates in one SADD
    // per thousand (a batch of 5,000 counts was 15,000 commands, one EXPIRE and SADD per count).
    const byCoordinate = new Map<string, UsageCount[]>();
    for (const c of counts) {
      const list = byCoordinate.get(c.coordinate) ?? [];
      byCoordinate.set(c.coordinate, list);
      list.push(c);
    }
    for (const [coordinate, list] of byCoordinate) {
      const key = countsKey(day, coordinate);
      commands.push({
        key,
        queue: (p) => {
          for (const c of list) {
            p.hincrby(key, fieldOf(c), c.count);
          }
          p.expire(key, ttl);
        },
      });
    }
    const coordinates = [...byCoordinate.keys()];
    for (let i = 0; i < coordinates.length; i += 1_000) {
      const members = coordinates.slice(i, i + 1_000);
      commands.push({
        key: coordinatesKey(day),
        queue: (p) => p.sadd(coordinatesKey(day), ...members),
      });
    }
    commands.push({ key: coordinatesKey(day), queue: (p) => p.expire(coordinatesKey(day), ttl) });
    for (const [id, text] of signatures) {
      commands.push({
        key: signatureKey(id),
        queue: (p) => p.set(signatureKey(id), text, 'EX', ttl),
      });
    }
    await guarded(
      this.redis,
      () =>
        pipelinePerNode(
          this.redis,
          commands.map((c) => c.key),
          (pipeline, batch) => batch.indices.forEach((i) => commands[i]?.queue(pipeline)),
        ),
      'usage pipeline',
    );
  }

  async find(days: readonly string[], match: (coordinate: string) => boolean) {
    const found: UsageCount[] = [];
    for (const day of days) {
      const coordinates = await guarded(
        this.redis,
        () => this.redis.smembers(coordinatesKey(day)),
        'SMEMBERS',
      );
      for (const coordinate of coordinates.filter(match)) {
        const fields = await guarded(
          this.redis,
          () => this.redis.hgetall(countsKey(day, coordinate)),
          'HGETALL',
        );
        found.push(
          ...Object.entries(fields).map(([field, n]) => countOf(coordinate, field, Number(n))),
        );
      }
    }
    return summed(found);
  }

  async signatures(operations: readonly string[]) {
    if (operations.length === 0) {
      return new Map<string, string>();
    }
    const texts = await guarded(
      this.redis,
      () => mgetPerNode(this.redis, operations.map(signatureKey)),
      'MGET',
    );
    return new Map(
      operations.flatMap((id, i) => {
        const text = texts[i];
        return typeof text === 'string' ? [[id, text] as const] : [];
      }),
    );
  }
}

/** `Country.partners(category)` or `Country.partners(category:)`: the coordinate as recorded. */
export function normalizeCoordinate(text: string): string {
  return text.trim().replace(/\((\w+):?\)$/, '($1:)');
}

export interface ClientUsage {
  readonly client: string;
  readonly clientVersion: string;
  readonly count: number;
  readonly operations: readonly { operation: string; count: number; signature?: string }[];
}

/** Who used the coordinates `match` accepts in the last `days` days, busiest client first. */
export async function usageReport(
  store: UsageStore,
  match: (coordinate: string) => boolean,
  days: number,
  now: Date = new Date(),
): Promise<{ total: number; clients: ClientUsage[] }> {
  const counts = await store.find(usageDays(days, now), match);
  const signatures = await store.signatures([...new Set(counts.map((c) => c.operation))]);
  const byClient = new Map<string, Map<string, number>>();
  for (const c of counts) {
    const client = `${c.client}${SEP}${c.clientVersion}`;
    const operations = byClient.get(client) ?? new Map<string, number>();
    byClient.set(client, operations);
    operations.set(c.operation, (operations.get(c.operation) ?? 0) + c.count);
  }
  const clients = [...byClient].map(([key, operations]) => {
    const [client = '', clientVersion = ''] = key.split(SEP);
    const list = [...operations]
      .map(([operation, count]) => {
        const signature = signatures.get(operation);
        return { operation, count, ...(signature ? { signature } : {}) };
      })
      .sort((a, b) => b.count - a.count);
    return {
      client,
      clientVersion,
      count: list.reduce((n, o) => n + o.count, 0),
      operations: list,
    };
  });
  clients.sort((a, b) => b.count - a.count);
  return { total: clients.reduce((n, c) => n + c.count, 0), clients };
}
