import { readFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';

/**
 * Every embedded in-memory database a test opens starts from a copy of one freshly initialised,
 * empty cluster instead of running `initdb` again.
 *
 * Why: `initdb` inside PGlite's WebAssembly is most of the cost of opening an embedded database
 * (about 3 s of CPU; 30–50 s at a load average of 20 on the 2-core machine), and the suite opens
 * one or more per file. Loading a dumped cluster (`loadDataDir`) takes a fifth of that. The copy is
 * the byte-for-byte result of `initdb` with nothing in it: no schema, no row, no role beyond
 * initdb's own, so every test still migrates and seeds its own database as production does.
 *
 * The dump depends only on the PGlite release, so it is kept in `node_modules/.cache` under that
 * release (`npm ci` starts it afresh). On-disk databases (a `dataDir`) and callers that load their
 * own data directory are left alone.
 */
const modules = new URL('../../node_modules/', import.meta.url);
const { version } = JSON.parse(
  readFileSync(new URL('@electric-sql/pglite/package.json', modules), 'utf8'),
) as { version: string };
const templatePath = fileURLToPath(new URL(`.cache/crg-tests/pglite-${version}.tar`, modules));

/** PostgreSQL compiled to WebAssembly and its file bundle: loaded once per test worker. */
interface Engine {
  readonly pgliteWasmModule: WebAssembly.Module;
  readonly fsBundle: Blob;
}

// Setup files run before every test file, and workers share modules between files: what is kept
// per worker lives on globalThis, and PGlite's own `create` is kept once, so the patch never
// wraps itself.
const shared = globalThis as {
  crgPgliteCreate?: (options?: PGliteOptions) => Promise<PGlite>;
  crgPgliteEngine?: Promise<Engine>;
  crgPgliteTemplate?: Promise<Blob>;
};
shared.crgPgliteCreate ??= PGlite.create.bind(PGlite) as (
  options?: PGliteOptions,
) => Promise<PGlite>;
const create = shared.crgPgliteCreate;

/**
 * Compiling PGlite's 9 MB of WebAssembly and reading its 6 MB bundle is part of every open; a
 * worker runs many files in turn, so it does both once and hands them to each new cluster.
 */
function engine(): Promise<Engine> {
  const dist = new URL('@electric-sql/pglite/dist/', modules);
  shared.crgPgliteEngine ??= Promise.all([
    readFile(new URL('pglite.wasm', dist)).then((bytes) => WebAssembly.compile(bytes)),
    readFile(new URL('pglite.data', dist)).then((bytes) => new Blob([bytes])),
  ]).then(([pgliteWasmModule, fsBundle]) => ({ pgliteWasmModule, fsBundle }));
  return shared.crgPgliteEngine;
}

async function emptyCluster(): Promise<Blob> {
  try {
    return new Blob([await readFile(templatePath)]);
  } catch {
    // First use with this PGlite release: initdb once, then share the result.
    const pglite = await create();
    const dump = await pglite.dumpDataDir('none');
    await pglite.close();
    await mkdir(join(templatePath, '..'), { recursive: true });
    // Written aside, then renamed: another test process never reads half a file.
    const partial = `${templatePath}.${process.pid}`;
    await writeFile(partial, new Uint8Array(await dump.arrayBuffer()));
    await rename(partial, templatePath);
    return dump;
  }
}

/**
 * A new in-memory cluster, asked for by a caller: not a database on disk, not one loading its own
 * data, and not the instance PGlite itself creates to run `initdb` (`noInitDb`, its own file
 * system), which must go through untouched.
 */
function newInMemoryCluster(options: PGliteOptions & { pgDataProxyFs?: unknown }): boolean {
  const { dataDir } = options;
  return (
    (dataDir === undefined || dataDir === '' || dataDir.startsWith('memory://')) &&
    !options.loadDataDir &&
    !options.noInitDb &&
    !options.fs &&
    options.pgDataProxyFs === undefined
  );
}

PGlite.create = (async (
  dataDirOrOptions?: string | PGliteOptions,
  maybeOptions?: PGliteOptions,
) => {
  // create(dataDir?, options?) or create(options?), as PGlite takes them.
  const options: PGliteOptions =
    typeof dataDirOrOptions === 'object'
      ? { ...dataDirOrOptions }
      : {
          ...maybeOptions,
          ...(dataDirOrOptions === undefined ? {} : { dataDir: dataDirOrOptions }),
        };
  if (!newInMemoryCluster(options)) {
    return create(options);
  }
  shared.crgPgliteTemplate ??= emptyCluster();
  const [loadDataDir, compiled] = await Promise.all([shared.crgPgliteTemplate, engine()]);
  return create({ ...options, ...compiled, loadDataDir });
}) as typeof PGlite.create;
