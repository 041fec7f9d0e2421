import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { SupergraphSdlHook } from '@apollo/gateway';
import type { Logger } from '../loaders/logger.js';

export interface SupergraphFileSource {
  /** For `new ApolloGateway({ supergraphSdl })`. */
  readonly hook: SupergraphSdlHook;
  /** Re-reads the file now; resolves `true` when a new supergraph was taken. */
  reload(): Promise<boolean>;
  /** The subgraphs (name, url) of the supergraph being served. */
  services(): { name: string; url: string }[];
}

const JOIN_GRAPH = /@join__graph\(name: "([^"]+)", url: "([^"]*)"\)/g;

export function servicesOf(sdl: string): { name: string; url: string }[] {
  return [...sdl.matchAll(JOIN_GRAPH)].map((m) => ({ name: m[1] ?? '', url: m[2] ?? '' }));
}

/**
 * Serves the static supergraph file and reloads it when it changes, without a restart. A file that
 * fails to load (unreadable, not a valid supergraph) is rejected and logged; the old supergraph
 * keeps serving. The gateway swaps schemas atomically: in-flight requests finish on the old one.
 */
export function supergraphFromFile(path: string, logger: Logger): SupergraphFileSource {
  let current = '';
  let update: ((sdl: string) => void) | undefined;
  let watcher: FSWatcher | undefined;
  let timer: NodeJS.Timeout | undefined;

  const reload = async (): Promise<boolean> => {
    let sdl: string;
    try {
      sdl = await readFile(path, 'utf8');
    } catch (error) {
      logger.error(
        { path, err: String(error) },
        'supergraph file unreadable; keeping the current supergraph',
      );
      return false;
    }
    if (sdl === current || !update) {
      return false;
    }
    try {
      update(sdl);
      current = sdl;
      logger.info({ path, services: servicesOf(sdl).map((s) => s.name) }, 'supergraph reloaded');
      return true;
    } catch (error) {
      logger.error(
        { path, err: String(error) },
        'supergraph rejected; keeping the current supergraph',
      );
      return false;
    }
  };

  const hook: SupergraphSdlHook = async ({ update: gatewayUpdate }) => {
    current = await readFile(path, 'utf8');
    update = gatewayUpdate;
    // Watch the folder, not the file: editors and `schema:compose` replace the file by rename.
    watcher = watch(dirname(path), (_event, file) => {
      if (file === null || file === basename(path)) {
        clearTimeout(timer);
        timer = setTimeout(() => void reload(), 100);
      }
    });
    return {
      supergraphSdl: current,
      cleanup: async () => {
        clearTimeout(timer);
        watcher?.close();
      },
    };
  };

  return { hook, reload, services: () => servicesOf(current) };
}
