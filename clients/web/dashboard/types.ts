import type {
  ContributionsData,
  CyberlawStatusNode,
  DeliveryRow,
  RegionGaps,
} from '../../charts/figures/types.js';

// The shared figures' answers have one shape, the report's and the dashboard's alike.
export type { ContributionsData, DeliveryRow, RegionGaps };

/** The shapes of the answers the dashboard reads (the fields its operations select). */

export interface BasisLite {
  readonly includesSynthetic: boolean;
  readonly records: number;
  readonly realRecords: number;
  readonly syntheticRecords: number;
}

export interface CyberlawStatusWorldData {
  readonly countries: {
    readonly totalCount: number;
    readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
    readonly edges: readonly { readonly node: CyberlawStatusNode }[];
  };
}

export interface MapParticipation {
  readonly asOf: string | null;
  readonly instrument: {
    readonly code: string;
    readonly shortTitle: string;
    readonly source: string;
  };
  readonly parties: number;
  readonly signatories: number;
  readonly participants: readonly {
    readonly participantCode: string;
    readonly status: string;
    readonly since: string | null;
    readonly participant: {
      readonly __typename: string;
      readonly m49?: string;
      readonly name?: string;
    };
  }[];
  readonly basis: BasisLite;
}

export interface TreatyMapData {
  readonly budapest: MapParticipation | null;
  readonly unConvention: MapParticipation | null;
  readonly malabo: MapParticipation | null;
}

export interface ProfileData {
  readonly country: {
    readonly iso3: string;
    readonly iso2: string;
    readonly m49: string;
    readonly name: string;
    readonly names: Readonly<Record<'ar' | 'zh' | 'en' | 'fr' | 'ru' | 'es', string | null>>;
    readonly namesSource: string;
    readonly memberStatus: string;
    readonly region: { readonly m49: string; readonly name: string };
    readonly subregion: { readonly name: string };
    readonly source: string;
    readonly cyberlawStatus: readonly {
      readonly area: string;
      readonly status: string;
      readonly asOf: string;
      readonly source: string;
      readonly attribution: string;
    }[];
  } | null;
}

export interface CoverageData {
  readonly scheme: string;
  readonly state: string;
  readonly offencesCovered: number;
  readonly proceduralPowersCovered: number;
  readonly provisionsConsidered: number;
  readonly provisionsRecorded: number;
  readonly lawsRecorded: number;
  readonly lawOnRecord: string;
  readonly unctadCybercrimeStatus: string | null;
  readonly lastVerifiedOn: string | null;
  readonly offences: readonly { readonly state: string }[];
  readonly basis: BasisLite;
}

export interface LawsData {
  readonly country: {
    readonly legislation: readonly {
      readonly id: string;
      readonly title: string;
      readonly year: number | null;
      readonly status: string;
      readonly kind: string;
      readonly synthetic: boolean;
      readonly source: string;
    }[];
    readonly treatyParticipation: readonly {
      readonly instrumentCode: string;
      readonly status: string;
      readonly signedOn: string | null;
      readonly consentType: string | null;
      readonly consentOn: string | null;
      readonly source: string;
      readonly instrument: { readonly shortTitle: string };
    }[];
    readonly budapestCoverage: CoverageData;
    readonly unCoverage: CoverageData;
  } | null;
}

export interface Participants {
  readonly total: number;
  readonly female: number;
  readonly male: number;
  readonly other: number;
}

export interface AssistanceData {
  readonly country: {
    readonly assistanceRequests: {
      readonly totalCount: number;
      readonly edges: readonly {
        readonly node: {
          readonly id: string;
          readonly receivedOn: string;
          readonly status: string;
          readonly gpcAreas: readonly string[];
          readonly synthetic: boolean;
          readonly source: string;
        };
      }[];
    };
    readonly activities: {
      readonly totalCount: number;
      readonly edges: readonly {
        readonly node: {
          readonly id: string;
          readonly title: string;
          readonly type: string;
          readonly startDate: string | null;
          readonly endDate: string | null;
          readonly gpcPillar: string;
          readonly synthetic: boolean;
          readonly source: string;
          readonly participants: Participants | null;
        };
      }[];
    };
  } | null;
}

export interface PartnersData {
  readonly country: {
    readonly partners: readonly {
      readonly id: string;
      readonly name: string;
      readonly acronym: string | null;
      readonly partnerCategory: string;
      readonly synthetic: boolean;
      readonly source: string;
    }[];
  } | null;
}

export interface RateUsed {
  readonly currency: string;
  readonly period: string;
  readonly fxRate: string;
  readonly source: string;
}

export interface FlowLite {
  readonly amountUsd: string | null;
  readonly transactionCount: number;
}

export interface FundingData {
  readonly country: {
    readonly fundingReceived: {
      readonly pledged: FlowLite;
      readonly committed: FlowLite;
      readonly received: FlowLite;
      readonly spent: FlowLite;
      readonly ratesUsed: readonly RateUsed[];
      readonly conversionRule: string;
      readonly basis: BasisLite;
    };
  } | null;
}

export interface Delivery {
  readonly rules: string;
  readonly rows: readonly DeliveryRow[];
  readonly basis: BasisLite;
}

export interface DeliveredData {
  readonly byType: Delivery | null;
  readonly byPillar: Delivery | null;
  readonly byRegion: (Delivery & { readonly reportedResults: readonly unknown[] }) | null;
  readonly byCountry: Delivery | null;
}

export type GapsData = Readonly<
  Record<'africa' | 'americas' | 'asia' | 'europe' | 'oceania', RegionGaps | null>
>;

export interface OverlapsData {
  readonly overlaps:
    | readonly {
        readonly country: { readonly iso3: string; readonly name: string };
        readonly first: {
          readonly id: string;
          readonly title: string;
          readonly synthetic: boolean;
          readonly implementers: readonly { readonly name: string }[];
        };
        readonly second: {
          readonly id: string;
          readonly title: string;
          readonly synthetic: boolean;
          readonly implementers: readonly { readonly name: string }[];
        };
        readonly sharedAreas: readonly string[];
        readonly overlapStart: string;
        readonly overlapEnd: string;
        readonly overlapDays: number;
      }[]
    | null;
}
