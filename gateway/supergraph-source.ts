import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import type { SupergraphSdlHook } from '@apollo/gateway';
import type { Logger } from '../loaders/logger.js';
import { composeCheckedSupergraph, GraphCheckError } from '../schema/composition/compose.js';
import { readRegistry, sdlPathOf } from '../schema/composition/registry.js';

export interface SupergraphFileSource {
  /** For `new ApolloGateway({ supergraphSdl })`. */
  readonly hook: SupergraphSdlHook;
  /** Re-reads the source now; resolves `true` when a new supergraph was taken. */
  reload(): Promise<boolean>;
  /** The subgraphs (name, url) of the supergraph being served. */
  services(): { name: string; url: string }[];
}

const JOIN_GRAPH = /@join__graph\(name: "([^"]+)", url: "([^"]*)"\)/g;

function servicesOf(sdl: string): { name: string; url: string }[] {
  return [...sdl.matchAll(JOIN_GRAPH)].map((m) => ({ name: m[1] ?? '', url: m[2] ?? '' }));
}

/** Where the supergraph comes from: its text now, and the files whose change means "reload". */
interface Origin {
  readonly path: string;
  load(): Promise<string>;
  watched(): Promise<string[]>;
}

/** A composed supergraph file, as `npm run schema:compose` writes it. */
function fileOrigin(path: string): Origin {
  return { path, load: () => readFile(path, 'utf8'), watched: async () => [path] };
}

/**
 * The registry (`schema/subgraphs.json`) itself: the gateway composes the supergraph from each
 * entry's SDL file, and refuses (keeping what it serves) a graph that does not compose or where a
 * PARTNER entry breaks the partner policy. SDL paths are relative to the project root or absolute.
 */
function registryOrigin(path: string): Origin {
  const entries = async () => {
    const registry = await readRegistry(path);
    return Promise.all(
      registry.map(async (entry) => ({
        name: entry.name,
        url: entry.url,
        tier: entry.tier,
        allowMutations: entry.allowMutations,
        sdl: await readFile(sdlPathOf(entry), 'utf8'),
      })),
    );
  };
  return {
    path,
    load: async () => composeCheckedSupergraph(await entries()),
    watched: async () => {
      const registry = await readRegistry(path).catch(() => []);
      return [path, ...registry.map(sdlPathOf)];
    },
  };
}

function problemsOf(error: unknown): string[] {
  return error instanceof GraphCheckError ? [...error.problems] : [String(error)];
}

/**
 * Watches the folders of `files`, not the files: editors and `schema:compose` replace files by
 * rename. `onChange` hears a change of any of `files` (or of an unnamed file in their folders).
 */
function watchFolders(files: readonly string[], onChange: () => void, logger: Logger): FSWatcher[] {
  const byFolder = new Map<string, Set<string>>();
  for (const file of files) {
    byFolder.set(dirname(file), (byFolder.get(dirname(file)) ?? new Set()).add(basename(file)));
  }
  return [...byFolder].flatMap(([folder, names]) => {
    try {
      return [
        watch(folder, (_event, file) => {
          if (file === null || names.has(file)) {
            onChange();
          }
        }),
      ];
    } catch (error) {
      logger.warn({ folder, err: String(error) }, 'cannot watch a supergraph source folder');
      return [];
    }
  });
}

/** Hands `sdl` to the gateway; `false` (logged) when the gateway rejects it. */
function offer(update: (sdl: string) => void, sdl: string, path: string, logger: Logger): boolean {
  try {
    update(sdl);
    logger.info({ path, services: servicesOf(sdl).map((s) => s.name) }, 'supergraph reloaded');
    return true;
  } catch (error) {
    logger.error(
      { path, err: String(error) },
      'supergraph rejected; keeping the current supergraph',
    );
    return false;
  }
}

/**
 * Serves the supergraph and reloads it when its source changes, without a restart. The source is
 * the composed supergraph file, or, when `path` ends in `.json`, the subgraph registry, composed
 * and checked against the partner policy in the gateway. A source that fails to load (unreadable,
 * not composing, breaking the policy, not a valid supergraph) is rejected and logged with its
 * reasons; the old supergraph keeps serving. The gateway swaps schemas atomically: in-flight
 * requests finish on the old one.
 */
export function supergraphFromFile(path: string, logger: Logger): SupergraphFileSource {
  const origin = path.endsWith('.json') ? registryOrigin(path) : fileOrigin(path);
  let current = '';
  let update: ((sdl: string) => void) | undefined;
  let watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const scheduleReload = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void reload(), 100);
  };

  const rewatch = async () => {
    const files = (await origin.watched()).map((f) => resolve(f));
    if (stopped) {
      return;
    }
    for (const watcher of watchers) {
      watcher.close();
    }
    watchers = watchFolders(files, scheduleReload, logger);
  };

  const reloadNow = async (): Promise<boolean> => {
    let sdl: string;
    try {
      sdl = await origin.load();
    } catch (error) {
      logger.error(
        { path: origin.path, problems: problemsOf(error) },
        'supergraph source rejected; keeping the current supergraph',
      );
      return false;
    } finally {
      await rewatch();
    }
    if (sdl === current || !update) {
      return false;
    }
    const taken = offer(update, sdl, origin.path, logger);
    if (taken) {
      current = sdl;
    }
    return taken;
  };

  // One reload at a time, in order: a watcher event and an explicit reload never interleave.
  let queue: Promise<boolean> = Promise.resolve(false);
  const reload = (): Promise<boolean> => {
    queue = queue.then(reloadNow, reloadNow);
    return queue;
  };

  const hook: SupergraphSdlHook = async ({ update: gatewayUpdate }) => {
    try {
      current = await origin.load();
    } catch (error) {
      throw new Error(
        `No supergraph to serve from ${origin.path}:\n  - ${problemsOf(error).join('\n  - ')}`,
      );
    }
    update = gatewayUpdate;
    await rewatch();
    return {
      supergraphSdl: current,
      cleanup: async () => {
        stopped = true;
        clearTimeout(timer);
        for (const watcher of watchers) {
          watcher.close();
        }
      },
    };
  };

  return { hook, reload, services: () => servicesOf(current) };
}
