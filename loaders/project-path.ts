import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project root: the nearest folder above this file with a package.json. Seed files, the
 * registry and the committed SDL stay in the source tree, so the same path serves `tsx`, vitest
 * and `dist/`.
 */
function findProjectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error(`No package.json above ${fileURLToPath(import.meta.url)}`);
    }
    dir = parent;
  }
  return dir;
}

const projectRoot = findProjectRoot();

/** A path inside the project: `projectPath('schema', 'subgraphs.json')`. */
export function projectPath(...segments: string[]): string {
  return resolve(projectRoot, ...segments);
}
