import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { BasisCountRow, BasisMoneyRow } from '../../schema/basis.js';
import { FundingDimension, type FundingFlow, FLOW_OF_TYPE } from './codes.model.js';
import { fundingTable, fxJoin } from './exchange-rate.repository.js';
import type { FundingTables } from './funding.table.js';

type Db = Kysely<FundingTables>;

export interface SummaryQuery {
  readonly dimensions: readonly FundingDimension[];
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  /** Only this project and its descendants. */
  readonly projectId?: string | undefined;
  readonly donorId?: string | undefined;
  /** Only the shares of these recipient countries (implies the recipient split). */
  readonly countryIso3s?: readonly string[] | undefined;
  /** Count synthetic transactions too (apart, in the basis); real ones only when false. */
  readonly includeSynthetic: boolean;
}

/** The group a row belongs to; `null` where the dimension is not grouped or has no value. */
export interface GroupKey {
  donor: string | null;
  country: string | null;
  region: string | null;
  year: number | null;
  pillar: string | null;
}

export interface FlowTotalRecord {
  amountUsd: string;
  transactionCount: number;
  original: { currency: string; amount: string }[];
  unconverted: { currency: string; amount: string }[];
}

export interface RateUsedRecord {
  currency: string;
  period: string;
  unitsPerUsd: string;
  source: string;
}

export interface SummaryGroupRecord {
  key: GroupKey;
  flows: Record<FundingFlow, FlowTotalRecord>;
  ratesUsed: RateUsedRecord[];
  /** What the group rests on: transactions by (synthetic, confidence), money per currency. */
  basisCounts: BasisCountRow[];
  basisMoney: BasisMoneyRow[];
}

/** The groups, and what the whole summary rests on (every transaction counted, once). */
export interface SummaryRecord {
  groups: SummaryGroupRecord[];
  basisCounts: BasisCountRow[];
  basisMoney: BasisMoneyRow[];
}

interface SummaryRow {
  kind:
    'flow' | 'currency' | 'rate' | 'basis_count' | 'basis_money' | 'total_count' | 'total_money';
  donor: string | null;
  country: string | null;
  region: string | null;
  year: number | null;
  pillar: string | null;
  flow: string | null;
  currency: string | null;
  amount: string | null;
  unconverted: string | null;
  n: number | null;
  fx_period: string | null;
  rate: string | null;
  fx_source: string | null;
  synthetic: boolean | null;
  confidence: string | null;
  synthetic_amount: string | null;
}

function flowCase(): RawBuilder<unknown> {
  const whens = Object.entries(FLOW_OF_TYPE).map(
    ([type, flow]) => sql`when t.type = ${type} then ${flow}`,
  );
  return sql`case ${sql.join(whens, sql` `)} end`;
}

const emptyFlow = (): FlowTotalRecord => ({
  amountUsd: '0.00',
  transactionCount: 0,
  original: [],
  unconverted: [],
});

/**
 * Each project's recipient-country shares, plus, where the countries' percentages sum to less
 * than 100 (the rest goes to IATI recipient regions), that rest as a share of no country and no
 * region: split by recipient, an amount is never partly dropped.
 */
function recipientShares() {
  const rc = fundingTable('project_recipient_country');
  return sql`(
    select project_id, country_iso3, percentage, region_m49 from ${rc}
    union all
    select project_id, null, 100 - sum(percentage), null from ${rc}
    group by project_id
    having count(percentage) = count(*) and sum(percentage) < 100
  )`;
}

/** Which published transactions count: dates, synthetic, donor, project (with its children). */
function transactionConditions(query: SummaryQuery): RawBuilder<unknown>[] {
  const conditions: RawBuilder<unknown>[] = [
    sql`t.review_status = 'PUBLISHED'`,
    // An archived project's money leaves every total, as an archived transaction does.
    sql`not exists (select 1 from ${fundingTable('project')} ap where ap.id = t.project_id and ap.review_status = 'ARCHIVED')`,
  ];
  if (query.from) {
    conditions.push(sql`t.transaction_date >= ${query.from}::date`);
  }
  if (query.to) {
    conditions.push(sql`t.transaction_date <= ${query.to}::date`);
  }
  if (!query.includeSynthetic) {
    conditions.push(sql`t.synthetic = false`);
  }
  if (query.donorId) {
    conditions.push(sql`t.provider_org_id = ${query.donorId}`);
  }
  if (query.projectId) {
    conditions.push(sql`t.project_id in (select id from scope)`);
  }
  return conditions;
}

/** `scope` (a project and its descendants, when asked), `tx` (converted) and `shares` (grouped). */
function sharesStatement(query: SummaryQuery): RawBuilder<unknown> {
  const dims = new Set(query.dimensions);
  const split =
    dims.has(FundingDimension.RECIPIENT_COUNTRY) ||
    dims.has(FundingDimension.REGION) ||
    query.countryIso3s !== undefined;
  const byPillar = dims.has(FundingDimension.PILLAR);
  const scope = query.projectId
    ? sql`with recursive scope(id) as (
        select id from ${fundingTable('project')} where id = ${query.projectId}
        union all
        select p.id from ${fundingTable('project')} p join scope s on p.parent_id = s.id
      ),`
    : sql`with`;
  const rowsWhere =
    query.countryIso3s !== undefined
      ? sql`where rc.country_iso3 = any(${[...query.countryIso3s]})`
      : sql``;
  const dimColumns = sql`
    ${dims.has(FundingDimension.DONOR) ? sql`tx.provider_org_id` : sql`null::text`} as donor,
    ${split && dims.has(FundingDimension.RECIPIENT_COUNTRY) ? sql`rc.country_iso3::text` : sql`null::text`} as country,
    ${split && dims.has(FundingDimension.REGION) ? sql`rc.region_m49::text` : sql`null::text`} as region,
    ${dims.has(FundingDimension.YEAR) ? sql`extract(year from tx.transaction_date)::int` : sql`null::int`} as year,
    ${byPillar ? sql`pl.pillar` : sql`null::text`} as pillar`;
  return sql`
    ${scope}
    tx as (
      select t.id, t.project_id, t.transaction_date, t.amount, t.currency, t.provider_org_id,
        t.synthetic, t.confidence,
        case when t.currency = 'USD' then 1::numeric else fx.units_per_usd end as rate,
        fx.period as fx_period, fx.source as fx_source, ${flowCase()} as flow
      from ${fundingTable('funding_transaction')} t
      ${fxJoin('t')}
      where ${sql.join(transactionConditions(query), sql` and `)}
    ),
    shares as (
      select tx.*, ${split ? sql`coalesce(rc.percentage, 100) / 100` : sql`1::numeric`} as share,
        ${dimColumns}
      from tx
      ${split ? sql`left join ${recipientShares()} rc on rc.project_id = tx.project_id` : sql``}
      ${byPillar ? sql`join ${fundingTable('project')} p on p.id = tx.project_id left join lateral unnest(p.gpc_pillars) as pl(pillar) on true` : sql``}
      ${rowsWhere}
    ),`;
}

const GROUP_COLUMNS = sql`donor, country, region, year, pillar`;

/** The sums of `shares`: per group and flow, per currency, the rates used, and the basis. */
const AGGREGATES = sql`
    flows as (
      select ${GROUP_COLUMNS}, flow,
        round(coalesce(sum(amount * share / rate), 0), 2)::text as amount,
        count(distinct id)::int as n
      from shares group by ${GROUP_COLUMNS}, flow
    ),
    currencies as (
      select ${GROUP_COLUMNS}, flow, currency,
        trim_scale(sum(amount * share))::text as amount,
        trim_scale(sum(case when rate is null then amount * share end))::text as unconverted
      from shares group by ${GROUP_COLUMNS}, flow, currency
    ),
    rates as (
      select distinct ${GROUP_COLUMNS}, currency, fx_period, rate, fx_source
      from shares where fx_period is not null
    ),
    basis_counts as (
      select ${GROUP_COLUMNS}, synthetic, confidence, count(distinct id)::int as n
      from shares group by ${GROUP_COLUMNS}, synthetic, confidence
    ),
    basis_money as (
      select ${GROUP_COLUMNS}, currency,
        coalesce(trim_scale(sum(case when not synthetic then amount * share end)), 0)::text as amount,
        coalesce(trim_scale(sum(case when synthetic then amount * share end)), 0)::text as synthetic_amount
      from shares group by ${GROUP_COLUMNS}, currency
    ),
    total_counts as (
      select synthetic, confidence, count(distinct id)::int as n
      from shares group by synthetic, confidence
    ),
    total_money as (
      select currency,
        coalesce(trim_scale(sum(case when not synthetic then amount end)), 0)::text as amount,
        coalesce(trim_scale(sum(case when synthetic then amount end)), 0)::text as synthetic_amount
      from (select distinct id, currency, amount, synthetic from shares) whole
      group by currency
    )`;

/** Every aggregate as one row kind of one result, in group order. */
const SELECT_ALL = sql`
    select 'flow' as kind, ${GROUP_COLUMNS}, flow, null::text as currency, amount, null::text as unconverted,
      n, null::text as fx_period, null::text as rate, null::text as fx_source,
      null::boolean as synthetic, null::text as confidence, null::text as synthetic_amount from flows
    union all
    select 'currency', ${GROUP_COLUMNS}, flow, currency, amount, unconverted, null::int, null::text,
      null::text, null::text, null::boolean, null::text, null::text from currencies
    union all
    select 'rate', ${GROUP_COLUMNS}, null::text, currency, null::text, null::text, null::int, fx_period,
      rate::text, fx_source, null::boolean, null::text, null::text from rates
    union all
    select 'basis_count', ${GROUP_COLUMNS}, null::text, null::text, null::text, null::text, n,
      null::text, null::text, null::text, synthetic, confidence, null::text from basis_counts
    union all
    select 'basis_money', ${GROUP_COLUMNS}, null::text, currency, amount, null::text, null::int,
      null::text, null::text, null::text, null::boolean, null::text, synthetic_amount from basis_money
    union all
    select 'total_count', null::text, null::text, null::text, null::int, null::text, null::text,
      null::text, null::text, null::text, n, null::text, null::text, null::text,
      synthetic, confidence, null::text from total_counts
    union all
    select 'total_money', null::text, null::text, null::text, null::int, null::text, null::text,
      currency, amount, null::text, null::int, null::text, null::text, null::text, null::boolean,
      null::text, synthetic_amount from total_money
    order by donor nulls last, country nulls last, region nulls last, year nulls last,
      pillar nulls last, kind, flow, currency, fx_period`;

/** The group a row belongs to, made on first sight. */
function groupOf(groups: Map<string, SummaryGroupRecord>, row: SummaryRow): SummaryGroupRecord {
  const key: GroupKey = {
    donor: row.donor,
    country: row.country,
    region: row.region,
    year: row.year === null ? null : Number(row.year),
    pillar: row.pillar,
  };
  const id = JSON.stringify(key);
  let group = groups.get(id);
  if (!group) {
    group = {
      key,
      flows: {
        PLEDGED: emptyFlow(),
        COMMITTED: emptyFlow(),
        RECEIVED: emptyFlow(),
        SPENT: emptyFlow(),
      },
      ratesUsed: [],
      basisCounts: [],
      basisMoney: [],
    };
    groups.set(id, group);
  }
  return group;
}

/** One row of a group's kinds into the group. */
function addToGroup(group: SummaryGroupRecord, row: SummaryRow): void {
  const flow = row.flow ? group.flows[row.flow as FundingFlow] : undefined;
  if (row.kind === 'flow' && flow) {
    flow.amountUsd = row.amount ?? '0.00';
    flow.transactionCount = Number(row.n ?? 0);
  } else if (row.kind === 'currency' && flow && row.currency) {
    flow.original.push({ currency: row.currency, amount: row.amount ?? '0' });
    if (row.unconverted !== null) {
      flow.unconverted.push({ currency: row.currency, amount: row.unconverted });
    }
  } else if (row.kind === 'basis_count') {
    group.basisCounts.push({
      synthetic: row.synthetic === true,
      confidence: row.confidence,
      records: Number(row.n ?? 0),
    });
  } else if (row.kind === 'basis_money' && row.currency) {
    group.basisMoney.push({
      currency: row.currency,
      real: row.amount,
      synthetic: row.synthetic_amount,
    });
  } else if (row.kind === 'rate' && row.currency && row.fx_period && row.rate) {
    group.ratesUsed.push({
      currency: row.currency,
      period: row.fx_period,
      unitsPerUsd: row.rate,
      source: row.fx_source ?? '',
    });
  }
}

/**
 * Pledged, committed, received and spent per group, all in SQL `numeric`: each transaction (or
 * its recipient-country share) is converted at its own rate, the USD sums are rounded to cents
 * at the end, and amounts with no rate stay per currency. One statement; JavaScript only sorts
 * the rows into groups, it never adds money.
 */
export async function summarizeFunding(db: Db, query: SummaryQuery): Promise<SummaryRecord> {
  const result = await sql<SummaryRow>`${sharesStatement(query)}${AGGREGATES}${SELECT_ALL}`.execute(
    db,
  );
  const groups = new Map<string, SummaryGroupRecord>();
  const totalCounts: BasisCountRow[] = [];
  const totalMoney: BasisMoneyRow[] = [];
  for (const row of result.rows) {
    if (row.kind === 'total_count') {
      totalCounts.push({
        synthetic: row.synthetic === true,
        confidence: row.confidence,
        records: Number(row.n ?? 0),
      });
    } else if (row.kind === 'total_money' && row.currency) {
      totalMoney.push({
        currency: row.currency,
        real: row.amount,
        synthetic: row.synthetic_amount,
      });
    } else {
      addToGroup(groupOf(groups, row), row);
    }
  }
  return { groups: [...groups.values()], basisCounts: totalCounts, basisMoney: totalMoney };
}
