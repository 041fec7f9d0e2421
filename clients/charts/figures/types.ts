/**
 * The shapes of the client operations' answers that the figure builders read (the fields the
 * operations in `clients/operations/` select). Browser-safe: types only.
 */

export type Confidence = 'VERIFIED' | 'TO_VERIFY';

/** What a figure rests on: `basis { … }` of an aggregate (the fragment `BasisFigures`). */
export interface BasisFigures {
  readonly recordType: string;
  readonly includesSynthetic: boolean;
  readonly records: number;
  readonly realRecords: number;
  readonly syntheticRecords: number;
  readonly byConfidence: readonly {
    readonly confidence: Confidence | null;
    readonly records: number;
  }[];
}

/** `CyberlawStatusWorld`: one State. */
export interface CyberlawStatusNode {
  readonly iso3: string;
  readonly m49: string;
  readonly name: string;
  readonly region: { readonly m49: string; readonly name: string };
  readonly cyberlawStatus: readonly {
    readonly status: 'LEGISLATION' | 'DRAFT_LEGISLATION' | 'NO_LEGISLATION' | 'NO_DATA';
    readonly asOf: string;
    readonly attribution: string;
    readonly confidence: Confidence;
  }[];
}

/** `TreatyMovements`: one treaty action (fragment `TreatyMovement`). */
export interface TreatyMovement {
  readonly id: string;
  readonly instrumentCode: string;
  readonly participantCode: string;
  readonly participantType: string;
  readonly action: string;
  readonly date: string;
  readonly source: string;
  readonly confidence: Confidence;
  readonly participant: {
    readonly __typename: 'Country' | 'Organization';
    readonly name: string;
    readonly region?: { readonly m49: string; readonly name: string } | null;
  };
}

/** `TreatyMovements` as answered: one list per instrument alias. */
export interface TreatyMovementsData {
  readonly unConvention: readonly TreatyMovement[];
  readonly budapest: readonly TreatyMovement[];
  readonly firstProtocol: readonly TreatyMovement[];
  readonly secondProtocol: readonly TreatyMovement[];
}

/** `TreatyParticipation`: one instrument's totals (fragment `ParticipationTotals`). */
export interface ParticipationTotals {
  readonly asOf: string | null;
  readonly instrument: {
    readonly code: string;
    readonly shortTitle: string;
    readonly entryIntoForceOn: string | null;
  };
  readonly parties: number;
  readonly signatories: number;
  readonly withdrawn: number;
  readonly consentsCounted: number;
  readonly consentsNeeded: number | null;
  readonly unknownOnDate: number;
  readonly basis: BasisFigures;
}

export interface TreatyParticipationData {
  readonly unConvention: ParticipationTotals;
  readonly budapest: ParticipationTotals;
  readonly firstProtocol: ParticipationTotals;
  readonly secondProtocol: ParticipationTotals;
}

/** The four instruments the treaty figures cover, in the order they are shown. */
export const TREATY_ALIASES = [
  'unConvention',
  'budapest',
  'firstProtocol',
  'secondProtocol',
] as const;
export type TreatyAlias = (typeof TREATY_ALIASES)[number];

export const TREATY_LABELS: Readonly<Record<TreatyAlias, string>> = {
  unConvention: 'UN Convention against Cybercrime',
  budapest: 'Budapest Convention (CETS 185)',
  firstProtocol: 'First Protocol (CETS 189)',
  secondProtocol: 'Second Protocol (CETS 224)',
};

/** `TechnicalAssistanceDelivered`: one row of a `deliverySummary`. */
export interface DeliveryRow {
  readonly key: string;
  readonly region: { readonly name: string } | null;
  readonly country: { readonly name: string } | null;
  readonly pillar: string | null;
  readonly activityType: string | null;
  readonly activities: number;
  readonly countriesReached: number;
  readonly requestsReceived: number | null;
  readonly requestsMet: number | null;
  readonly practitionersTrained: {
    readonly total: number;
    readonly female: number;
    readonly male: number;
    readonly other: number;
    readonly byRole: readonly { readonly role: string; readonly count: number }[];
  };
}

export interface DeliverySummary {
  readonly groupBy: string;
  readonly from: string | null;
  readonly to: string | null;
  readonly rules: string;
  readonly rows: readonly DeliveryRow[];
  readonly basis: BasisFigures;
}

export interface ReportedResult {
  readonly code: string;
  readonly label: string;
  readonly year: number | null;
  readonly value: string | null;
  readonly unit: string | null;
  readonly valueNote: string | null;
  readonly source: string;
  readonly confidence: Confidence;
}

export interface TechnicalAssistanceData {
  readonly byType: DeliverySummary;
  readonly byPillar: DeliverySummary;
  readonly byRegion: DeliverySummary & { readonly reportedResults: readonly ReportedResult[] };
  readonly byCountry: DeliverySummary;
}

/** `ContributionsByDonorYear`. */
export interface MoneyTotal {
  readonly amount: string;
  readonly currency: string;
}

export interface FlowTotal {
  readonly amountUsd: string;
  readonly transactionCount: number;
  readonly complete: boolean;
  readonly original: readonly MoneyTotal[];
  readonly unconverted: readonly MoneyTotal[];
}

export interface FundingGroup {
  readonly donor: { readonly id: string; readonly name: string } | null;
  readonly year: number | null;
  readonly pledged: FlowTotal;
  readonly committed: FlowTotal;
  readonly received: FlowTotal;
  readonly spent: FlowTotal;
  readonly ratesUsed: readonly {
    readonly currency: string;
    readonly period: string;
    readonly fxRate: string;
    readonly source: string;
  }[];
  readonly basis: BasisFigures;
}

export interface ContributionsData {
  readonly fundingSummary: {
    readonly from: string | null;
    readonly to: string | null;
    readonly currency: string;
    readonly conversionRule: string;
    readonly scope: string;
    readonly includesSynthetic: boolean;
    readonly groups: readonly FundingGroup[];
    readonly basis: BasisFigures & {
      readonly money: readonly {
        readonly currency: string;
        readonly realAmount: string;
        readonly syntheticAmount: string;
      }[];
    };
  };
}

/** `CoordinationGaps`: one region's report. */
export interface RegionGaps {
  readonly region: string;
  readonly includeSynthetic: boolean;
  readonly area: { readonly name: string };
  readonly gaps: readonly {
    readonly country: { readonly iso3: string; readonly name: string };
    readonly assessment: {
      readonly id: string;
      readonly synthetic: boolean;
      readonly confidentiality: 'PUBLIC' | 'RESTRICTED' | 'CONFIDENTIAL';
    };
    readonly area: string;
    readonly gap: string;
    readonly since: string;
    readonly lastActivityStart: string | null;
  }[];
}

export interface CoordinationGapsData {
  readonly africa: RegionGaps;
  readonly americas: RegionGaps;
  readonly asia: RegionGaps;
  readonly europe: RegionGaps;
  readonly oceania: RegionGaps;
}

/** `CoordinationOverlaps`: one overlap. */
export interface ActivityOverlap {
  readonly country: { readonly iso3: string; readonly name: string };
  readonly first: OverlapActivity;
  readonly second: OverlapActivity;
  readonly sharedAreas: readonly string[];
  readonly overlapStart: string;
  readonly overlapEnd: string;
  readonly overlapDays: number;
}

export interface OverlapActivity {
  readonly id: string;
  readonly title: string;
  readonly synthetic: boolean;
  readonly confidence: Confidence;
  readonly implementers: readonly { readonly name: string }[];
}
