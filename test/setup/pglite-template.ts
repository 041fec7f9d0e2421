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
  crgPgliteSpares?: Spare[];
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

/** A cluster a test closed, emptied again, kept for the worker's next open with the same options. */
interface Spare {
  readonly pglite: PGlite;
  readonly options: PGliteOptions;
}

/** At most this many emptied clusters wait per worker (each holds its WebAssembly memory). */
const MAX_SPARES = 1;
const spares = (shared.crgPgliteSpares ??= []);

/**
 * Back to what `initdb` left: every schema, extension and role the test made dropped (the
 * subgraphs' schemas hold all their tables, sequences and functions), `public` made anew as
 * PostgreSQL 15's `initdb` makes it (owned by `pg_database_owner`, usage for all), the session
 * reset. What a test can change in a cluster is all in those.
 */
const EMPTY_AGAIN = `
do $$
declare r record;
begin
  for r in select nspname from pg_namespace
    where nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
      and nspname !~ '^pg_(toast_)?temp_' loop
    execute format('drop schema %I cascade', r.nspname);
  end loop;
  for r in select extname from pg_extension where extname <> 'plpgsql' loop
    execute format('drop extension %I cascade', r.extname);
  end loop;
  for r in select rolname from pg_roles where rolname !~ '^pg_' and rolname <> current_user loop
    execute format('drop owned by %I cascade', r.rolname);
    execute format('drop role %I', r.rolname);
  end loop;
end $$;
create schema public authorization pg_database_owner;
grant usage on schema public to public;
`;

/** Same options as a spare's: the same keys, and the same values (parsers by identity). */
function sameOptions(a: PGliteOptions, b: PGliteOptions): boolean {
  const keys = Object.keys(a).sort();
  if (keys.join() !== Object.keys(b).sort().join()) {
    return false;
  }
  const parsers = (o: PGliteOptions) => Object.entries(o.parsers ?? {});
  return (
    keys.every((k) => k === 'parsers' || Reflect.get(a, k) === Reflect.get(b, k)) &&
    parsers(a).length === parsers(b).length &&
    parsers(a).every(([oid, parse]) => b.parsers?.[Number(oid)] === parse)
  );
}

/**
 * Opening a cluster costs about a second of CPU however small (PostgreSQL starting inside
 * WebAssembly), and the suite opened 80. A cluster a test closes is emptied instead and its
 * worker's next open with the same options takes it: a test still starts from a cluster with
 * nothing of an earlier test's in it. One that fails to empty is closed for real.
 */
function parkOnClose(pglite: PGlite, options: PGliteOptions): PGlite {
  const close = pglite.close.bind(pglite);
  pglite.close = async () => {
    if (spares.length >= MAX_SPARES) {
      return close();
    }
    try {
      await pglite.exec('discard all');
      await pglite.exec(EMPTY_AGAIN);
      spares.push({ pglite, options });
    } catch {
      await close();
    }
  };
  return pglite;
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
  const spare = spares.findIndex((s) => sameOptions(s.options, options));
  if (spare >= 0) {
    return spares.splice(spare, 1)[0]!.pglite;
  }
  shared.crgPgliteTemplate ??= emptyCluster();
  const [loadDataDir, compiled] = await Promise.all([shared.crgPgliteTemplate, engine()]);
  return parkOnClose(await create({ ...options, ...compiled, loadDataDir }), options);
}) as typeof PGlite.create;
