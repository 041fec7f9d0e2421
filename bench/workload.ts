/**
 * The fixed, committed workload. Each query has a kind (what user it stands for) and a shape check
 * that every response must pass; a response that fails it counts as an error.
 */
export interface WorkloadQuery {
  readonly name: string;
  readonly kind: 'analyst' | 'dashboard' | 'deep';
  readonly description: string;
  readonly query: string;
  readonly variables?: Record<string, unknown>;
  /** `undefined` when the body is right; otherwise what is wrong. */
  readonly check: (body: unknown) => string | undefined;
}

// Response bodies are checked structurally, field by field.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

function data(body: unknown): Json | string {
  const b = body as Json;
  if (!b || typeof b !== 'object') {
    return 'not a JSON object';
  }
  if (b['errors']) {
    return `errors: ${JSON.stringify(b['errors']).slice(0, 200)}`;
  }
  return (b['data'] as Json) ?? 'no data';
}

function expect(condition: boolean, message: string): string | undefined {
  return condition ? undefined : message;
}

// The benchmark measures the graph on the synthetic demo set and its scale-up (`--scale`), so the
// queries that read records ask `includeSynthetic: true`: synthetic records are opt-in (issue 14).
export const WORKLOAD: readonly WorkloadQuery[] = [
  {
    name: 'analyst-search',
    kind: 'analyst',
    description: 'Search with filters: countries of Africa whose names match "guinea".',
    query: `query AnalystSearch($search: String) {
      countries(first: 20, filter: { region: "002", search: $search }) {
        totalCount edges { node { iso3 name subregion { name } intermediateRegion { name } } }
      }
    }`,
    variables: { search: 'guinea' },
    check: (body) => {
      const d = data(body);
      return typeof d === 'string'
        ? d
        : expect(d['countries']?.totalCount === 3, 'expected 3 countries');
    },
  },
  {
    name: 'law-search',
    kind: 'analyst',
    description:
      'Paginated full-text search: the first 20 laws in force matching "cybercrime", with country, region and provisions (grows with --scale).',
    query: `query LawSearch($text: String) {
      searchLegislation(text: $text, first: 20, filter: { inForce: true }, includeSynthetic: true) {
        totalCount
        edges { node { rank legislation { title year country { name region { name } } provisions(includeSynthetic: true) { label } } } }
      }
    }`,
    variables: { text: 'cybercrime' },
    check: (body) => {
      const d = data(body);
      if (typeof d === 'string') {
        return d;
      }
      const page = d['searchLegislation'];
      return expect(
        page?.totalCount >= 10 &&
          page.edges?.length === Math.min(20, page.totalCount) &&
          page.edges.every((e: Json) => e.node.legislation?.country?.region?.name),
        'at least 10 laws, a full first page, each with its country and region',
      );
    },
  },
  {
    name: 'coverage-all-countries',
    kind: 'analyst',
    description:
      'Coverage across all countries: every country with its M49 areas and regional group.',
    query: `query Coverage {
      countries(first: 300) {
        totalCount
        edges { node { iso3 name unRegionalGroup region { name } subregion { name } names { fr es } } }
      }
    }`,
    check: (body) => {
      const d = data(body);
      return typeof d === 'string'
        ? d
        : expect(
            d['countries']?.edges?.length === 195 &&
              d['countries'].edges.every((e: Json) => e.node.region?.name),
            '195 countries with regions',
          );
    },
  },
  {
    name: 'dashboard-regions',
    kind: 'dashboard',
    description: 'The same aggregate dashboard query, repeated: Member States per region.',
    query: `query Dashboard {
      regions(level: REGION) { m49 name memberStateCount countries { iso3 memberStatus } }
    }`,
    check: (body) => {
      const d = data(body);
      return typeof d === 'string'
        ? d
        : expect(
            d['regions']?.length === 5 &&
              d['regions'].reduce((n: number, r: Json) => n + r.memberStateCount, 0) === 193,
            '5 regions holding 193 Member States',
          );
    },
  },
  {
    name: 'deep',
    kind: 'deep',
    description:
      'Deep cross-subgraph query: countries (member-states) → legislation → provisions → offence categories (laws), partners (partners), funding received (funding), activities with their implementers (assistance → partners).',
    query: `query Deep {
      countries(first: 200) {
        edges { node {
          iso3 name region { name }
          legislation(includeSynthetic: true) { title status provisions(includeSynthetic: true) { label offenceCategories { code concepts } proceduralPowers { code } } }
          partners(includeSynthetic: true) { id partnerCategory }
          fundingReceived(includeSynthetic: true) { received { amountUsd transactionCount } pledged { amountUsd } }
          activities(first: 5, includeSynthetic: true) { totalCount edges { node { type startDate implementers { id name } } } }
        } }
      }
    }`,
    check: (body) => {
      const d = data(body);
      if (typeof d === 'string') {
        return d;
      }
      const edges = d['countries']?.edges ?? [];
      return expect(
        edges.length === 195 &&
          edges.some((e: Json) =>
            e.node.legislation?.some((l: Json) => l.provisions?.length > 0),
          ) &&
          edges.some((e: Json) =>
            e.node.activities?.edges?.some((a: Json) => a.node.implementers?.[0]?.name),
          ),
        '195 countries, some with legislation and provisions, some with activities and their implementers',
      );
    },
  },
];
