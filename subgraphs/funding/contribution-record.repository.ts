import { sql, type Kysely } from 'kysely';
import { toConfidence } from '../../schema/common-types.js';
import type { ContributionRecord } from './contribution-record.entity.js';
import { fundingTable, fxColumns, fxJoin, type FxSelection } from './exchange-rate.repository.js';
import type { FundingTables } from './funding.table.js';
import { toMonetaryAmount } from './money.model.js';

interface RecordSelection extends FxSelection {
  id: string;
  donor_org_id: string;
  co_donor_org_ids: string[];
  date_as_given: string | null;
  value_date: string | null;
  amount: string | null;
  currency: string | null;
  type_as_given: string;
  recipient_or_project: string | null;
  purpose: string | null;
  gpc_link: string;
  attributed_to_gpc: boolean;
  counts_as_contribution: boolean;
  project_id: string | null;
  transaction_id: string | null;
  source: string;
  confidence: string;
  notes: string | null;
  licence: string;
  attribution: string;
}

function toContributionRecord(row: RecordSelection): ContributionRecord {
  return {
    id: row.id,
    date: row.date_as_given,
    amount:
      row.amount !== null && row.currency !== null && row.value_date !== null
        ? toMonetaryAmount(row.amount, row.currency.trim(), row.value_date, row)
        : null,
    typeAsGiven: row.type_as_given,
    recipientOrProject: row.recipient_or_project,
    purpose: row.purpose,
    gpcLink: row.gpc_link,
    attributedToGlobalProgramme: row.attributed_to_gpc,
    countsAsContribution: row.counts_as_contribution,
    source: row.source,
    confidence: toConfidence(row.confidence),
    notes: row.notes,
    licence: row.licence,
    attribution: row.attribution,
    synthetic: false,
    donorOrgId: row.donor_org_id,
    coDonorOrgIds: row.co_donor_org_ids,
    projectId: row.project_id,
    transactionId: row.transaction_id,
  };
}

/** The records, by date as given (undated last), then id; only the programme's unless `all`. */
export async function findContributionRecords(
  db: Kysely<FundingTables>,
  all: boolean,
): Promise<ContributionRecord[]> {
  const result = await sql<RecordSelection>`
    select c.id, c.donor_org_id, c.co_donor_org_ids, c.date_as_given, c.value_date::text as value_date,
      c.amount::text as amount, c.currency, c.type_as_given, c.recipient_or_project, c.purpose,
      c.gpc_link, c.attributed_to_gpc, c.counts_as_contribution, c.project_id, c.transaction_id,
      c.source, c.confidence, c.notes, c.licence, c.attribution, ${fxColumns('c')}
    from ${fundingTable('contribution_record')} c
    ${fxJoin('c')}
    where ${all} or c.attributed_to_gpc
    order by c.date_as_given nulls last, c.id`.execute(db);
  return result.rows.map(toContributionRecord);
}
