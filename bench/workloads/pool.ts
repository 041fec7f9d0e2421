import { readFileSync } from 'node:fs';
import { projectPath } from '../../loaders/project-path.js';

/** One request of a pool workload: a document, its variables and a light check of its answer. */
export interface PoolRequest {
  /** The family it comes from (a cookbook question, a dashboard operation, a generated query). */
  readonly family: string;
  readonly query: string;
  readonly variables: Record<string, unknown>;
  /** `undefined` when the body is right; otherwise what is wrong. */
  readonly check: (body: unknown) => string | undefined;
}

// Response bodies are checked structurally, field by field.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;

/** The body's `data`, or what is wrong with the body: errors, no data, not an object. */
export function dataOf(body: unknown): Json | string {
  if (!body || typeof body !== 'object') {
    return 'not a JSON object';
  }
  const b = body as Json;
  if (b['errors']) {
    return `errors: ${JSON.stringify(b['errors']).slice(0, 200)}`;
  }
  const data = b['data'] as Json | null | undefined;
  return data && typeof data === 'object' ? data : 'no data';
}

/** A check: no errors, data present, and `shape(data)` true (else `message`). */
export function checkedBy(shape: (data: Json) => boolean, message: string) {
  return (body: unknown): string | undefined => {
    const d = dataOf(body);
    if (typeof d === 'string') {
      return d;
    }
    try {
      return shape(d) ? undefined : message;
    } catch {
      return message;
    }
  };
}

/** The seed data's PRNG (mulberry32): a pool is the same on every run and machine. */
export { mulberry32 as seededRandom } from '../../loaders/seed-data/synthetic.js';

export type Random = () => number;

export function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) {
    throw new Error('pick: no items');
  }
  return item;
}

/** A non-empty random subset of `items`, in their order. */
export function subset<T>(random: Random, items: readonly T[]): T[] {
  const chosen = items.filter(() => random() < 0.5);
  return chosen.length > 0 ? chosen : [pick(random, items)];
}

function csvRows(path: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
  const names = (header ?? '').split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(names.map((n, i) => [n, cells[i] ?? '']));
  });
}

/** A State of the data pack: its key, name and M49 areas. */
export interface PackCountry {
  readonly iso3: string;
  readonly name: string;
  readonly region: string;
  readonly subregion: string;
}

/** The values the pools draw from, all read from the data pack (`subgraphs/<s>/seed/`). */
export interface DataPack {
  readonly countries: readonly PackCountry[];
  /** M49 codes of regions and sub-regions (`m49_regions.csv`). */
  readonly regions: readonly string[];
  readonly subregions: readonly string[];
  /** Words of at least 4 letters in the States' names, lower case, each matching some State. */
  readonly nameWords: readonly string[];
  /** Words of at least 5 letters in the laws' titles (`national_laws.csv`). */
  readonly lawWords: readonly string[];
  /** Years laws were passed (`national_laws.csv`). */
  readonly lawYears: readonly number[];
}

function words(texts: readonly string[], min: number): string[] {
  const all = texts.flatMap((t) => t.toLowerCase().match(/[a-z]+/g) ?? []);
  return [...new Set(all.filter((w) => w.length >= min))].sort();
}

/** Reads the data pack once (the member-states and laws seeds, both committed CSV files). */
export function readDataPack(): DataPack {
  const seed = (subgraph: string, file: string) =>
    csvRows(projectPath('subgraphs', subgraph, 'seed', file));
  const states = [
    ...seed('member-states', 'member_states.csv'),
    ...seed('member-states', 'observer_states.csv'),
  ];
  const countries = states
    .map((r) => ({
      iso3: r['iso3'] ?? '',
      name: r['name'] ?? '',
      region: r['region_m49'] ?? '',
      subregion: r['subregion_m49'] ?? '',
    }))
    .sort((a, b) => a.iso3.localeCompare(b.iso3));
  const areas = seed('member-states', 'm49_regions.csv');
  const laws = seed('laws', 'national_laws.csv');
  return {
    countries,
    regions: areas.filter((a) => a['level'] === 'region').map((a) => a['m49'] ?? ''),
    subregions: areas.filter((a) => a['level'] === 'subregion').map((a) => a['m49'] ?? ''),
    nameWords: words(
      countries.map((c) => c.name),
      4,
    ),
    lawWords: words(
      laws.map((l) => l['title'] ?? ''),
      5,
    ),
    lawYears: [...new Set(laws.map((l) => Number(l['year'])).filter((y) => y > 0))].sort(),
  };
}
