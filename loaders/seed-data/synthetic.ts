/**
 * Deterministic generation of illustrative data. Every subgraph's synthetic seed uses this one
 * generator, so the same seed gives the same rows on every machine and database. Rows made with
 * it must be flagged `synthetic: true`.
 */

/** mulberry32: a small, well-known 32-bit PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One item of a non-empty list, drawn with `random`. */
export function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) {
    throw new Error('pick: the list is empty');
  }
  return item;
}

/** `count` distinct items of `items` (all of them when there are fewer), drawn with `random`. */
export function pickSome<T>(random: () => number, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < count && pool.length > 0) {
    out.push(pool.splice(Math.floor(random() * pool.length), 1)[0] as T);
  }
  return out;
}

/** A zero-padded serial for synthetic ids: `serial(7, 5)` is `00007`. */
export function serial(n: number, width = 5): string {
  return String(n).padStart(width, '0');
}

/**
 * The fictional actors every synthetic record hangs off, so that illustrative money and activity
 * never land on a real donor, a real implementer or the real Global Programme. Seeded (flagged
 * `synthetic`) only with the demo set. Each donor pays in one currency, so conversions are shown.
 */
export interface FictionalOrganization {
  readonly id: string;
  readonly name: string;
  readonly acronym: string;
  /** The currency a fictional donor pays in; null for the fictional implementing agency. */
  readonly currency: string | null;
}

export const FICTIONAL_SOURCE =
  'Synthetic: a fictional actor defined in loaders/synthetic.ts for the demo set; it does not exist.';

export const FICTIONAL_AGENCY = 'syn-agency';
export const FICTIONAL_PROGRAMME = 'syn-programme';

/**
 * The fictional implementers of synthetic activities, one per kind of actor the demo set needs
 * (so planted overlaps keep distinct implementers), all fictional: no synthetic activity names a
 * real organisation.
 */
export const FICTIONAL_IMPLEMENTERS = {
  agency: FICTIONAL_AGENCY,
  police: 'syn-impl-police',
  council: 'syn-impl-council',
  telecom: 'syn-impl-telecom',
  child: 'syn-impl-child',
  association: 'syn-impl-association',
  americas: 'syn-impl-americas',
  africa: 'syn-impl-africa',
} as const;

export const FICTIONAL_ORGANIZATIONS: readonly FictionalOrganization[] = [
  {
    id: FICTIONAL_AGENCY,
    name: 'Example Implementing Agency (fictional)',
    acronym: 'EIA',
    currency: null,
  },
  ...(
    [
      ['police', 'Example Police Cooperation Network (fictional)', 'EPCN'],
      ['council', 'Example Regional Council (fictional)', 'ERC'],
      ['telecom', 'Example Telecommunication Union (fictional)', 'ETU'],
      ['child', 'Example Child Safety Foundation (fictional)', 'ECSF'],
      ['association', 'Example Association of States (fictional)', 'EAS'],
      ['americas', 'Example Organisation of American States (fictional)', 'EOAS'],
      ['africa', 'Example African Regional Union (fictional)', 'EARU'],
    ] as const
  ).map(([slug, name, acronym]) => ({ id: `syn-impl-${slug}`, name, acronym, currency: null })),
  ...(
    [
      ['aud', 'AUD', 'Austral'],
      ['cad', 'CAD', 'Borealis'],
      ['eur', 'EUR', 'Cerulea'],
      ['gbp', 'GBP', 'Dunmore'],
      ['jpy', 'JPY', 'Eastwind'],
      ['nok', 'NOK', 'Fjordland'],
      ['qar', 'QAR', 'Gulfshore'],
      ['usd', 'USD', 'Harbor'],
    ] as const
  ).map(([slug, currency, name]) => ({
    id: `syn-donor-${slug}`,
    name: `${name} Development Fund (fictional donor)`,
    acronym: `${name.slice(0, 3).toUpperCase()}DF`,
    currency,
  })),
];
