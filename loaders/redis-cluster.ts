import { Cluster, type ChainableCommander, type Redis } from 'ioredis';

/** A client of one Redis server or of a Redis Cluster; `createRedis` gives either. */
export type RedisClient = Redis | Cluster;

/** Where Redis is, read from `REDIS_URL`: one server, or the seed nodes of a cluster. */
export type RedisTarget =
  | { readonly kind: 'single'; readonly url: string }
  | {
      readonly kind: 'cluster';
      readonly nodes: readonly { readonly host: string; readonly port: number }[];
      readonly username?: string;
      readonly password?: string;
      readonly tls: boolean;
    };

const CLUSTER_URL = /^(rediss?)\+cluster:\/\/(?:([^@/]*)@)?([^/?#@]+)(\/[^?#]*)?$/;

/**
 * Reads `REDIS_URL`: `redis://` or `rediss://` is one server (as ioredis reads it);
 * `redis+cluster://[user:password@]host:port,host:port` (or `rediss+cluster://` for TLS) is a
 * Redis Cluster reached through any of the listed seed nodes. Throws an error naming the fix.
 */
export function parseRedisUrl(text: string): RedisTarget {
  const cluster = CLUSTER_URL.exec(text);
  if (!cluster) {
    if (/^rediss?:\/\/[^/]/.test(text) && URL.canParse(text)) {
      return { kind: 'single', url: text };
    }
    throw new Error(
      'is not a Redis URL: use redis://[user:password@]host:port[/db], rediss:// for TLS, or redis+cluster://[user:password@]host:port,host:port for a Redis Cluster',
    );
  }
  const [, scheme, userinfo, hostList = '', path] = cluster;
  if (path !== undefined && path !== '/' && path !== '/0') {
    throw new Error(
      'names a database number: a Redis Cluster has only database 0; remove the path',
    );
  }
  const nodes = hostList.split(',').map((entry) => {
    const match = /^([^:,\s]+|\[[0-9a-fA-F:]+\]):(\d{1,5})$/.exec(entry.trim());
    const port = Number(match?.[2]);
    if (!match?.[1] || port < 1 || port > 65535) {
      throw new Error(`has a cluster node "${entry}" that is not host:port`);
    }
    return { host: match[1].replace(/^\[|\]$/g, ''), port };
  });
  const [user = '', password] = (userinfo ?? '').split(/:(.*)/s);
  return {
    kind: 'cluster',
    nodes,
    ...(user ? { username: decodeURIComponent(user) } : {}),
    ...(password !== undefined ? { password: decodeURIComponent(password) } : {}),
    tls: scheme === 'rediss',
  };
}

/** The problem with a `REDIS_URL`, for the configuration check; none when it is usable. */
export function redisUrlProblem(text: string): string | undefined {
  try {
    parseRedisUrl(text);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** CRC16/XMODEM, the checksum Redis Cluster maps keys to slots with. */
function crc16(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit += 1) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
  }
  return crc;
}

/**
 * The hash slot (0–16383) of a key, as Redis Cluster computes it: of the whole key, or of its
 * hash tag (the text between the first `{` and the next `}`, when not empty).
 */
export function keySlot(key: string): number {
  const open = key.indexOf('{');
  const close = open < 0 ? -1 : key.indexOf('}', open + 1);
  const hashed = close > open + 1 ? key.slice(open + 1, close) : key;
  return crc16(Buffer.from(hashed, 'utf8')) % 16384;
}

/** Keys one command may carry: all of one hash slot (on a single server: all of them). */
export interface KeyBatch {
  /** Positions in the keys given. */
  readonly indices: readonly number[];
  readonly keys: readonly string[];
}

/**
 * The keys grouped for one round trip per node: per node, the batches of one hash slot each. On a
 * single server that is one node with one batch of every key, in order. On a cluster a node is
 * the set of servers the client's slot map gives a slot (the grouping ioredis accepts in one
 * pipeline); before the map is known, each slot is a node of its own.
 */
export function keyBatchesByNode(client: RedisClient, keys: readonly string[]): KeyBatch[][] {
  if (!(client instanceof Cluster)) {
    return keys.length === 0 ? [] : [[{ indices: keys.map((_, i) => i), keys }]];
  }
  const nodes = new Map<string, Map<number, { indices: number[]; keys: string[] }>>();
  keys.forEach((key, i) => {
    const slot = keySlot(key);
    const node = client.slots[slot]?.join(';') || `slot:${slot}`;
    const slots = nodes.get(node) ?? new Map<number, { indices: number[]; keys: string[] }>();
    nodes.set(node, slots);
    const batch = slots.get(slot) ?? { indices: [], keys: [] };
    slots.set(slot, batch);
    batch.indices.push(i);
    batch.keys.push(key);
  });
  return [...nodes.values()].map((slots) => [...slots.values()]);
}

/** What one node's pipeline answered: its batches and, in order, each command's reply. */
export interface NodeReplies {
  readonly batches: readonly KeyBatch[];
  readonly replies: readonly unknown[];
}

/**
 * Runs a batch over keys that may live on several nodes: `add` queues the commands of one key
 * batch (one hash slot) on a pipeline; there is one pipeline per node, sent in parallel, so the
 * batch costs one round trip per node it touches (one in all on a single server). Rejects with
 * the first command's error (a pipeline reports errors in its results instead of rejecting).
 */
export async function pipelinePerNode(
  client: RedisClient,
  keys: readonly string[],
  add: (pipeline: ChainableCommander, batch: KeyBatch) => void,
): Promise<NodeReplies[]> {
  if (client instanceof Cluster && client.status !== 'ready') {
    // ioredis holds a cluster pipeline until the slot map is known, however long Redis is down;
    // failing at once is what the offline queue's absence gives single commands.
    throw new Error(`redis cluster not ready (${client.status}); the caller steps aside`);
  }
  return Promise.all(
    keyBatchesByNode(client, keys).map(async (batches) => {
      const pipeline = client.pipeline();
      for (const batch of batches) {
        add(pipeline, batch);
      }
      const results = (await pipeline.exec()) ?? [];
      const failed = results.find(([error]) => error)?.[0];
      if (failed) {
        throw failed;
      }
      return { batches, replies: results.map(([, reply]) => reply) };
    }),
  );
}

/** Whether `keys` fit one multi-key command: always on a single server, one slot on a cluster. */
export function oneCommand(client: RedisClient, keys: readonly string[]): boolean {
  const nodes = keyBatchesByNode(client, keys);
  return nodes.length === 1 && nodes[0]?.length === 1;
}

/**
 * The values of `keys`, in order: one MGET when they fit one command (always on a single
 * server), else one MGET per hash slot in one pipeline per node.
 */
export async function mgetPerNode(
  redis: RedisClient,
  keys: readonly string[],
): Promise<(string | null)[]> {
  if (oneCommand(redis, keys)) {
    return redis.mget(...keys);
  }
  return mgetPipelined(redis, keys, 'mget', (value) => (typeof value === 'string' ? value : null));
}

/**
 * `mgetPerNode` answering the values' bytes as stored (MGET read as buffers): a large value is
 * never decoded into a string, which for text holding characters beyond Latin-1 costs more
 * than the round trip (a response-cache hit sends the bytes as they are).
 */
export async function mgetBufferPerNode(
  redis: RedisClient,
  keys: readonly string[],
): Promise<(Buffer | null)[]> {
  if (oneCommand(redis, keys)) {
    return redis.mgetBuffer(...keys);
  }
  return mgetPipelined(redis, keys, 'mgetBuffer', (value) =>
    Buffer.isBuffer(value) ? value : null,
  );
}

async function mgetPipelined<T>(
  redis: RedisClient,
  keys: readonly string[],
  command: 'mget' | 'mgetBuffer',
  valueOf: (value: unknown) => T | null,
): Promise<(T | null)[]> {
  const values: (T | null)[] = keys.map(() => null);
  const nodes = await pipelinePerNode(redis, keys, (pipeline, batch) =>
    pipeline[command](...batch.keys),
  );
  for (const { batches, replies } of nodes) {
    batches.forEach((batch, b) => {
      const reply = replies[b];
      batch.indices.forEach((i, k) => {
        values[i] = valueOf(Array.isArray(reply) ? reply[k] : null);
      });
    });
  }
  return values;
}
