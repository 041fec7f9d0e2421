import { clientOperation } from '../../clients/operations/index.js';
import { encodeCursor } from '../../schema/pagination.js';
import {
  checkedBy,
  pick,
  readDataPack,
  seededRandom,
  subset,
  type DataPack,
  type Json,
  type PoolRequest,
  type Random,
} from './pool.js';

// The `mixed` workload: a deterministic pool of distinct requests, the analyst cookbook and the
// dashboard's trusted operations (`clients/operations/`) with varied variables, and generated
// ad-hoc queries with varied selections, every value drawn from the data pack.

const SEED = 20261207;
const BOOLS = [false, true] as const;

/** A client operation sent whole (as an analyst pastes it), with variables; checked lightly. */
function operation(
  name: string,
  variables: Record<string, unknown>,
  shape: (d: Json) => boolean = (d) => Object.keys(d).length > 0,
): PoolRequest {
  return {
    family: name,
    query: clientOperation(name).body,
    variables,
    check: checkedBy(shape, `${name}: unexpected shape`),
  };
}

/** The country page's operations (dashboard), for every State, with and without the demo set. */
function countryViews(pack: DataPack): PoolRequest[] {
  const onCountry = (iso3: string) => (d: Json) => d['country']?.iso3 === iso3;
  return pack.countries.flatMap(({ iso3 }) => [
    operation('DashboardCountryProfile', { iso3 }, onCountry(iso3)),
    ...BOOLS.flatMap((includeSynthetic) =>
      [
        'DashboardCountryLaws',
        'DashboardCountryAssistance',
        'DashboardCountryPartners',
        'DashboardCountryFunding',
      ].map((name) => operation(name, { iso3, includeSynthetic }, onCountry(iso3))),
    ),
  ]);
}

/** Cookbook and coordination questions over years, dates and States. */
function cookbook(pack: DataPack, random: Random): PoolRequest[] {
  const fixed = [
    'BudapestParties',
    'BudapestPartiesInAfricaWithoutUnConvention',
    'CasesAndLessons',
    'DeliveryByRegion',
    'GlobalProgrammeContributionsByDonorAndYear',
    'PartnerCoverageByRegion',
    'ProductionOrderProvisionsInForce',
    'ReportMandate',
    'UnauthorisedAccessLawsSince2010',
    'UnitedKingdomBudapestGaps',
  ].map((name) => operation(name, {}));
  const years = Array.from({ length: 26 }, (_, i) => 2001 + i);
  const periods = BOOLS.flatMap((includeSynthetic) =>
    years.flatMap((year) => [
      operation('DashboardTreatyMap', { asOf: `${year}-07-01`, includeSynthetic }),
      operation('TreatyParticipation', { asOf: `${year}-01-01`, includeSynthetic }),
      operation('TreatyMovements', { from: `${year}-01-01`, to: `${year + 1}-12-31` }),
      operation('ContributionsByDonorYear', {
        from: `${year - 4}-01-01`,
        to: `${year}-12-31`,
        includeSynthetic,
      }),
      operation('TechnicalAssistanceDelivered', {
        from: `${year}-01-01`,
        to: `${Math.min(2026, year + 2)}-12-31`,
        includeSynthetic,
      }),
    ]),
  );
  const overlaps = pack.countries
    .filter(() => random() < 0.5)
    .map(({ iso3 }) =>
      operation('CoordinationOverlaps', { country: iso3, includeSynthetic: random() < 0.5 }),
    );
  const world = [undefined, ...pack.countries.slice(0, 40)].map((c) =>
    operation('CyberlawStatusWorld', c ? { after: encodeCursor([c.name, c.iso3]) } : {}),
  );
  return [
    ...fixed,
    ...BOOLS.map((includeSynthetic) => operation('CoordinationGaps', { includeSynthetic })),
    ...periods,
    ...overlaps,
    ...world,
  ];
}

const COUNTRY_FIELDS = [
  'm49',
  'memberStatus',
  'unRegionalGroup',
  'region { m49 name }',
  'subregion { name }',
  'intermediateRegion { name }',
  'names { fr es }',
  'cyberlawStatus(area: CYBERCRIME) { status asOf }',
  'legislation(includeSynthetic: true) { title status }',
  'partners(includeSynthetic: true) { id partnerCategory }',
  'fundingReceived(includeSynthetic: true) { received { amountUsd transactionCount } }',
] as const;

/** Ad-hoc country searches: a word of a State's name, within its region or not, varied fields. */
function countrySearches(pack: DataPack, random: Random, count: number): PoolRequest[] {
  return Array.from({ length: count }, () => {
    const country = pick(random, pack.countries);
    const word = pick(random, country.name.toLowerCase().match(/[a-z]{4,}/g) ?? ['a']);
    const area = pick(random, ['none', 'region', 'subregion'] as const);
    const filter: Record<string, string> = { search: word };
    if (area !== 'none') {
      filter[area] = area === 'region' ? country.region : country.subregion;
    }
    const first = pick(random, [5, 10, 20, 50]);
    const fields = subset(random, COUNTRY_FIELDS).join(' ');
    return {
      family: 'countries-search',
      query: `query CountrySearch($first: Int, $filter: CountryFilter) {
        countries(first: $first, filter: $filter) { totalCount edges { node { iso3 name ${fields} } } }
      }`,
      variables: { first, filter },
      check: checkedBy(
        (d) =>
          d['countries'].totalCount >= 1 &&
          d['countries'].edges.length === Math.min(first, d['countries'].totalCount),
        'countries-search: at least the State the word came from, a full first page',
      ),
    };
  });
}

/** Pages of the country list from a cursor (a State's sort key), varied sizes and fields. */
function countryListPages(pack: DataPack, random: Random, count: number): PoolRequest[] {
  return Array.from({ length: count }, () => {
    const from = pick(random, pack.countries);
    const first = pick(random, [10, 25, 50, 100]);
    const fields = subset(random, COUNTRY_FIELDS).join(' ');
    return {
      family: 'countries-page',
      query: `query CountryPage($first: Int, $after: String) {
        countries(first: $first, after: $after) {
          totalCount pageInfo { hasNextPage endCursor } edges { node { iso3 name ${fields} } }
        }
      }`,
      variables: { first, after: encodeCursor([from.name, from.iso3]) },
      check: checkedBy(
        (d) =>
          d['countries'].totalCount >= 195 &&
          Array.isArray(d['countries'].edges) &&
          d['countries'].edges.length <= first,
        'countries-page: the whole list counted, at most a page of States',
      ),
    };
  });
}

/** Full-text law searches on words of the laws' titles, varied filters and page sizes. */
function lawSearches(pack: DataPack, random: Random, count: number): PoolRequest[] {
  return Array.from({ length: count }, () => {
    const text = pick(random, pack.lawWords);
    const first = pick(random, [5, 10, 20]);
    const filter: Record<string, unknown> = {};
    if (random() < 0.5) {
      filter['inForce'] = true;
    }
    if (random() < 0.3) {
      filter['region'] = pick(random, pack.regions);
    }
    const provisions = random() < 0.5 ? 'provisions(includeSynthetic: true) { label }' : '';
    return {
      family: 'law-search',
      query: `query LawSearch($text: String, $first: Int, $filter: LawSearchFilter, $syn: Boolean) {
        searchLegislation(text: $text, first: $first, filter: $filter, includeSynthetic: $syn) {
          totalCount edges { node { rank legislation { id title year country { iso3 name } ${provisions} } } }
        }
      }`,
      variables: { text, first, filter, syn: random() < 0.5 },
      check: checkedBy(
        (d) =>
          d['searchLegislation'].totalCount >= 0 &&
          d['searchLegislation'].edges.length <= first &&
          d['searchLegislation'].edges.every((e: Json) => e.node.legislation.title),
        'law-search: a page of laws, each with its title',
      ),
    };
  });
}

/** Keeps the first of each identical (document, variables) pair, in order. */
function distinct(requests: readonly PoolRequest[]): PoolRequest[] {
  const seen = new Set<string>();
  return requests.filter((r) => {
    const key = JSON.stringify([r.query, r.variables]);
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
}

/**
 * The `mixed` pool: at least 2,000 distinct requests, shuffled with a seeded PRNG so that families
 * interleave, the same on every run. `slice` keeps every n-th request (the quick run's slice).
 */
export function mixedPool(slice = 1): readonly PoolRequest[] {
  const pack = readDataPack();
  const random = seededRandom(SEED);
  const pool = distinct([
    ...countryViews(pack),
    ...cookbook(pack, random),
    ...countrySearches(pack, random, 500),
    ...countryListPages(pack, random, 250),
    ...lawSearches(pack, random, 300),
  ]);
  for (let i = pool.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.filter((_, i) => i % slice === 0);
}
