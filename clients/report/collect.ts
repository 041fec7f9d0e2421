import type {
  ActivityOverlap,
  ContributionsData,
  CoordinationGapsData,
  CyberlawStatusNode,
  TechnicalAssistanceData,
  TreatyMovementsData,
  TreatyParticipationData,
} from '../charts/figures/index.js';
import type { GraphClient } from './graph-client.js';
import { dayBefore, type Period } from './period.js';

interface Page<T> {
  readonly totalCount: number;
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
  readonly edges: readonly { readonly node: T }[];
}

export interface GpcFact {
  readonly code: string;
  readonly type: string;
  readonly label: string;
  readonly value: string | null;
  readonly unit: string | null;
  readonly valueNote: string | null;
  readonly date: string | null;
  readonly source: string;
  readonly confidence: 'VERIFIED' | 'TO_VERIFY';
}

export interface LawRecord {
  readonly id: string;
  readonly countryIso3: string;
  readonly kind: string;
  readonly year: number | null;
  readonly adoptedOn: string | null;
  readonly lastVerifiedOn: string | null;
  readonly confidence: 'VERIFIED' | 'TO_VERIFY';
  readonly synthetic: boolean;
}

export interface CaseRecord {
  readonly id: string;
  readonly countryIso3s: readonly string[];
  readonly caseName: string;
  readonly court: string;
  readonly decisionDate: string | null;
  readonly year: number | null;
  readonly confidence: 'VERIFIED' | 'TO_VERIFY';
}

export interface LessonRecord {
  readonly id: string;
  readonly countryIso3: string | null;
  readonly title: string;
  readonly documentType: string;
  readonly year: number | null;
  readonly publishedOn: string | null;
  readonly issuingBody: string | null;
  readonly categories: readonly string[];
  readonly source: string;
  readonly confidence: 'VERIFIED' | 'TO_VERIFY';
}

export interface PartnershipRecord {
  readonly id: string;
  readonly title: string;
  readonly type: string;
  readonly startDate: string;
  readonly endDate: string | null;
  readonly themes: readonly string[];
  readonly synthetic: boolean;
  readonly source: string;
  readonly members: readonly {
    readonly role: string;
    readonly organization: {
      readonly id: string;
      readonly name: string;
      readonly partnerCategory: string;
    };
  }[];
}

/** Everything the report shows, as the graph answered, with the call behind each part. */
export interface ReportData {
  readonly period: Period;
  readonly includeSynthetic: boolean;
  readonly countries: {
    readonly nodes: readonly CyberlawStatusNode[];
    readonly calls: readonly string[];
  };
  readonly mandate: { readonly facts: readonly GpcFact[]; readonly call: string };
  readonly laws: { readonly records: readonly LawRecord[]; readonly calls: readonly string[] };
  readonly casesAndLessons: {
    readonly cases: readonly CaseRecord[];
    readonly lessons: readonly LessonRecord[];
    readonly call: string;
  };
  readonly movements: { readonly data: TreatyMovementsData; readonly call: string };
  readonly participationStart: { readonly data: TreatyParticipationData; readonly call: string };
  readonly participationEnd: { readonly data: TreatyParticipationData; readonly call: string };
  readonly delivery: { readonly data: TechnicalAssistanceData; readonly call: string };
  readonly partnerships: {
    readonly records: readonly PartnershipRecord[];
    readonly calls: readonly string[];
  };
  readonly contributions: { readonly data: ContributionsData; readonly call: string };
  readonly gaps: { readonly data: CoordinationGapsData; readonly call: string };
  readonly overlaps: {
    readonly records: readonly ActivityOverlap[];
    readonly calls: readonly string[];
    /** The beneficiary countries asked about: those with an activity in the period. */
    readonly countries: readonly string[];
  };
}

async function allPages<T, K extends string>(
  client: GraphClient,
  operation: string,
  field: K,
  variables: Record<string, unknown>,
): Promise<{ nodes: T[]; calls: string[] }> {
  const nodes: T[] = [];
  const calls: string[] = [];
  let after: string | null = null;
  // A bound on pages, so a misbehaving endpoint cannot keep the report asking forever.
  for (let page = 0; page < 50; page++) {
    const answer: { data: Record<K, Page<T>>; call: string } = await client.run<Record<K, Page<T>>>(
      operation,
      { ...variables, ...(after ? { after } : {}) },
    );
    calls.push(answer.call);
    const connection: Page<T> = answer.data[field];
    nodes.push(...connection.edges.map((e) => e.node));
    if (!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor) {
      break;
    }
    after = connection.pageInfo.endCursor;
  }
  return { nodes, calls };
}

/**
 * Asks the graph everything the report needs for the period, through the named client
 * operations only (each call recorded by the client for the annex).
 */
export async function collectReportData(
  client: GraphClient,
  period: Period,
  includeSynthetic: boolean,
): Promise<ReportData> {
  const synthetic = { includeSynthetic };
  const window = { from: period.from, to: period.to, includeSynthetic };
  const countries = await allPages<CyberlawStatusNode, 'countries'>(
    client,
    'CyberlawStatusWorld',
    'countries',
    {},
  );
  const mandate = await client.run<{ globalProgrammeFacts: GpcFact[] }>('ReportMandate');
  const laws = await allPages<{ legislation: LawRecord }, 'searchLegislation'>(
    client,
    'RepositoryGrowth',
    'searchLegislation',
    synthetic,
  );
  const casesAndLessons = await client.run<{ cases: CaseRecord[]; lessonsLearned: LessonRecord[] }>(
    'CasesAndLessons',
  );
  const movements = await client.run<TreatyMovementsData>('TreatyMovements', window);
  const participationStart = await client.run<TreatyParticipationData>('TreatyParticipation', {
    asOf: dayBefore(period.from),
    includeSynthetic,
  });
  const participationEnd = await client.run<TreatyParticipationData>('TreatyParticipation', {
    asOf: period.to,
    includeSynthetic,
  });
  const delivery = await client.run<TechnicalAssistanceData>(
    'TechnicalAssistanceDelivered',
    window,
  );
  const partnerships = await allPages<PartnershipRecord, 'partnerships'>(
    client,
    'ReportPartnerships',
    'partnerships',
    synthetic,
  );
  const contributions = await client.run<ContributionsData>('ContributionsByDonorYear', window);
  const gaps = await client.run<CoordinationGapsData>('CoordinationGaps', synthetic);
  const overlaps = await collectOverlaps(client, countries.nodes, delivery.data, window);
  return {
    period,
    includeSynthetic,
    countries,
    mandate: { facts: mandate.data.globalProgrammeFacts, call: mandate.call },
    laws: { records: laws.nodes.map((n) => n.legislation), calls: laws.calls },
    casesAndLessons: {
      cases: casesAndLessons.data.cases,
      lessons: casesAndLessons.data.lessonsLearned,
      call: casesAndLessons.call,
    },
    movements,
    participationStart,
    participationEnd,
    delivery,
    partnerships: { records: partnerships.nodes, calls: partnerships.calls },
    contributions,
    gaps,
    overlaps,
  };
}

/** Overlaps are asked per beneficiary country: those the delivery summary shows active. */
async function collectOverlaps(
  client: GraphClient,
  countries: readonly CyberlawStatusNode[],
  delivery: TechnicalAssistanceData,
  window: { from: string; to: string; includeSynthetic: boolean },
): Promise<ReportData['overlaps']> {
  const byIso3 = new Map(countries.map((c) => [c.name, c.iso3]));
  const active = delivery.byCountry.rows
    .filter((r) => r.activities > 0)
    .map((r) => r.key)
    .filter((key) => /^[A-Z]{3}$/.test(key) || byIso3.has(key))
    .map((key) => byIso3.get(key) ?? key)
    .sort();
  const overlaps: ActivityOverlap[] = [];
  const overlapCalls: string[] = [];
  for (const country of active) {
    const answer = await client.run<{ overlaps: ActivityOverlap[] }>('CoordinationOverlaps', {
      country,
      ...window,
    });
    overlaps.push(...answer.data.overlaps);
    overlapCalls.push(answer.call);
  }
  return { records: overlaps, calls: overlapCalls, countries: active };
}
