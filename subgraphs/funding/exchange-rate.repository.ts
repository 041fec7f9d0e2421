import { sql, type Kysely, type RawBuilder } from 'kysely';
import { DB_SCHEMA, type FundingTables } from './funding.table.js';

/** A table of this subgraph's schema, for raw SQL (withSchema does not reach into `sql`). */
export function fundingTable(name: keyof FundingTables & string): RawBuilder<unknown> {
  return sql.table(`${DB_SCHEMA}.${name}`);
}

/**
 * `left join lateral … fx`: the rate for `<alias>.currency` on `<alias>.value_date`: the monthly
 * average of that month when published, else the annual average of that year (the longer period
 * string sorts first). USD needs none: callers treat it as rate 1.
 */
export function fxJoin(alias: string): RawBuilder<unknown> {
  const a = sql.raw(alias);
  return sql`left join lateral (
    select r.units_per_usd, r.period, r.source
    from ${fundingTable('exchange_rate')} r
    where r.currency = ${a}.currency
      and r.period in (to_char(${a}.value_date, 'YYYY-MM'), to_char(${a}.value_date, 'YYYY'))
    order by length(r.period) desc
    limit 1
  ) fx on ${a}.currency <> 'USD'`;
}

/** Selected columns of a conversion: rate (1 for USD), period, source, USD amount to cents. */
export function fxColumns(alias: string): RawBuilder<unknown> {
  const a = sql.raw(alias);
  return sql`case when ${a}.currency = 'USD' then 1::numeric else fx.units_per_usd end::text as fx_rate,
    fx.period as fx_period,
    fx.source as fx_source,
    round(${a}.amount / case when ${a}.currency = 'USD' then 1::numeric else fx.units_per_usd end, 2)::text as amount_usd`;
}

export interface FxSelection {
  fx_rate: string | null;
  fx_period: string | null;
  fx_source: string | null;
  amount_usd: string | null;
}

export interface ExchangeRateRecord {
  currency: string;
  period: string;
  unitsPerUsd: string;
  source: string;
  licence: string;
  /** As the data pack gives it (`verified` / `to verify`). */
  confidence: string;
}

/** Stored rates of one currency, newest period first, optionally within years. */
export async function findExchangeRates(
  db: Kysely<FundingTables>,
  currency: string,
  fromYear: number | undefined,
  toYear: number | undefined,
): Promise<ExchangeRateRecord[]> {
  let query = db
    .selectFrom('exchange_rate')
    .select(['currency', 'period', 'units_per_usd', 'source', 'licence', 'confidence'])
    .where('currency', '=', currency)
    .orderBy('period', 'desc');
  if (fromYear !== undefined) {
    query = query.where('period', '>=', String(fromYear));
  }
  if (toYear !== undefined) {
    query = query.where('period', '<', String(toYear + 1));
  }
  const rows = await query.execute();
  return rows.map((r) => ({
    currency: r.currency,
    period: r.period,
    unitsPerUsd: r.units_per_usd,
    source: r.source,
    licence: r.licence,
    confidence: r.confidence,
  }));
}
