import { buildBasis } from '../../schema/basis.js';
import { FundingFlow, type GpcPillar } from './codes.model.js';
import type { FlowTotal } from './money.entity.js';
import { CONVERSION_RULE } from './money.entity.js';
import { periodStart } from './money.model.js';
import type { CountryFunding, FundingGroup, RateUsed } from './summary.entity.js';
import type { FlowTotalRecord, SummaryGroupRecord } from './summary.repository.js';

export const SUMMARY_SCOPE =
  'Published transactions only. PLEDGED: IATI types 12 and 13; COMMITTED: 2 and 11; RECEIVED: 1; SPENT: 3, 4 and 7. Flows are never added to each other.';

function toFlowTotal(record: FlowTotalRecord): FlowTotal {
  return { ...record, complete: record.unconverted.length === 0 };
}

function toRates(group: SummaryGroupRecord): RateUsed[] {
  return group.ratesUsed.map((r) => ({
    currency: r.currency,
    period: r.period,
    periodStart: periodStart(r.period),
    fxRate: r.unitsPerUsd,
    source: r.source,
  }));
}

export const BASIS_RECORD = 'funding transaction';

export function toFundingGroup(group: SummaryGroupRecord, includeSynthetic: boolean): FundingGroup {
  return {
    basis: buildBasis(BASIS_RECORD, includeSynthetic, group.basisCounts, group.basisMoney),
    donor: group.key.donor ? { id: group.key.donor } : null,
    recipientCountry: group.key.country ? { iso3: group.key.country } : null,
    region: group.key.region ? { m49: group.key.region } : null,
    year: group.key.year,
    pillar: group.key.pillar as GpcPillar | null,
    pledged: toFlowTotal(group.flows[FundingFlow.PLEDGED]),
    committed: toFlowTotal(group.flows[FundingFlow.COMMITTED]),
    received: toFlowTotal(group.flows[FundingFlow.RECEIVED]),
    spent: toFlowTotal(group.flows[FundingFlow.SPENT]),
    ratesUsed: toRates(group),
  };
}

const EMPTY: FlowTotal = {
  amountUsd: '0.00',
  transactionCount: 0,
  original: [],
  unconverted: [],
  complete: true,
};

export function toCountryFunding(
  group: SummaryGroupRecord | null,
  includeSynthetic: boolean,
): CountryFunding {
  if (!group) {
    return {
      basis: buildBasis(BASIS_RECORD, includeSynthetic, []),
      pledged: EMPTY,
      committed: EMPTY,
      received: EMPTY,
      spent: EMPTY,
      ratesUsed: [],
      conversionRule: CONVERSION_RULE,
    };
  }
  const g = toFundingGroup(group, includeSynthetic);
  return {
    basis: g.basis,
    pledged: g.pledged,
    committed: g.committed,
    received: g.received,
    spent: g.spent,
    ratesUsed: g.ratesUsed,
    conversionRule: CONVERSION_RULE,
  };
}
