import { Arg, Directive, Field, Int, ObjectType } from 'type-graphql';
import { cacheHint } from './cache-control.js';
import { Confidence } from './common-types.js';
import { DecimalScalar } from './scalars.js';

/**
 * What a figure rests on, and the one switch that lets synthetic records in. Every list, search
 * and aggregate of every subgraph takes `includeSynthetic` (default false: real records only), and
 * every aggregate returns a `Basis`: how many records it counts and how much money they hold,
 * real and synthetic apart, and the real ones by confidence. One type and one helper, here, so
 * the composed graph has one definition and no subgraph keeps its own copy.
 */

export const INCLUDE_SYNTHETIC_DESCRIPTION =
  'Also list and count synthetic (illustrative, generated) records. Default false: real records only. Aggregates report synthetic records apart in `basis`.';

/** The `includeSynthetic` argument, declared the same way on every field that takes it. */
export function IncludeSyntheticArg(): ParameterDecorator {
  return Arg('includeSynthetic', () => Boolean, {
    nullable: true,
    defaultValue: false,
    description: INCLUDE_SYNTHETIC_DESCRIPTION,
  }) as ParameterDecorator;
}

/** The in-memory filter: true when a record with this flag may appear under this setting. */
export function admits(
  record: { readonly synthetic: boolean },
  includeSynthetic: boolean | null | undefined,
): boolean {
  return includeSynthetic === true || !record.synthetic;
}

/**
 * The value a query filters `synthetic =` by, or undefined for no filter. A filter that names
 * `synthetic` explicitly (true: only synthetic, false: only real) is itself an explicit ask and
 * wins; otherwise real records only unless `includeSynthetic`.
 */
export function syntheticFilter(
  includeSynthetic: boolean | null | undefined,
  only?: boolean | null,
): boolean | undefined {
  if (only !== undefined && only !== null) {
    return only;
  }
  return includeSynthetic === true ? undefined : false;
}

@Directive('@shareable')
@Directive(cacheHint.inherit)
@ObjectType({ description: 'How many real records of one confidence a figure counts.' })
export class ConfidenceCount {
  @Field(() => Confidence, {
    nullable: true,
    description:
      'As the source gives it; null where the record type carries no confidence of its own.',
  })
  confidence!: Confidence | null;

  @Field(() => Int, { description: 'Real records of this confidence.' })
  records!: number;
}

@Directive('@shareable')
@Directive(cacheHint.inherit)
@ObjectType({
  description:
    'Money a figure rests on, in one original currency (never converted, never added across currencies), real and synthetic apart.',
})
export class BasisMoney {
  @Field(() => String, { description: 'ISO 4217 currency code.' })
  currency!: string;

  @Field(() => DecimalScalar, { description: 'Sum of the real records, exact.' })
  realAmount!: string;

  @Field(() => DecimalScalar, {
    description: 'Sum of the synthetic records, exact ("0" unless `includeSynthetic`).',
  })
  syntheticAmount!: string;
}

@Directive('@shareable')
@Directive(cacheHint.inherit)
@ObjectType({
  description:
    'What an aggregate rests on: the records it counts and their money, real and synthetic apart, the real ones by confidence.',
})
export class Basis {
  @Field(() => String, { description: 'What one record is, such as "funding transaction".' })
  recordType!: string;

  @Field(() => Boolean, {
    description: 'Whether synthetic records were let in (`includeSynthetic`).',
  })
  includesSynthetic!: boolean;

  @Field(() => Int, { description: 'Every record counted: realRecords + syntheticRecords.' })
  records!: number;

  @Field(() => Int, { description: 'Real records counted.' })
  realRecords!: number;

  @Field(() => Int, {
    description: 'Synthetic records counted (always 0 unless `includeSynthetic`).',
  })
  syntheticRecords!: number;

  @Field(() => [ConfidenceCount], {
    description: 'The real records by confidence, as their sources give it.',
  })
  byConfidence!: ConfidenceCount[];

  @Field(() => [BasisMoney], {
    description: 'The money counted, per original currency; empty for figures that hold none.',
  })
  money!: BasisMoney[];
}

/** One group of records: SQL returns these grouped by (synthetic, confidence). */
export interface BasisCountRow {
  readonly synthetic: boolean;
  /** `verified`/`to verify` or `VERIFIED`/`TO_VERIFY`; null where the type carries none. */
  readonly confidence: string | null;
  readonly records: number | string;
}

/** One currency's sums: SQL returns one row per currency with both sums, exact strings. */
export interface BasisMoneyRow {
  readonly currency: string;
  readonly real: string | null;
  readonly synthetic: string | null;
}

function confidenceOf(value: string | null): Confidence | null {
  if (value === null) {
    return null;
  }
  const v = value.toUpperCase().replace(' ', '_');
  return v === Confidence.VERIFIED ? Confidence.VERIFIED : Confidence.TO_VERIFY;
}

/**
 * Builds a `Basis` from grouped counts and per-currency sums. It only places figures: it never adds
 * money (SQL sums it), and it adds counts as integers. Synthetic rows are refused when synthetic
 * records were not let in, so a leak fails loudly instead of passing for real.
 */
export function buildBasis(
  recordType: string,
  includeSynthetic: boolean,
  counts: readonly BasisCountRow[],
  money: readonly BasisMoneyRow[] = [],
): Basis {
  let real = 0;
  let synthetic = 0;
  const byConfidence = new Map<Confidence | null, number>();
  for (const row of counts) {
    const n = Number(row.records);
    if (n === 0) {
      continue;
    }
    if (row.synthetic) {
      if (!includeSynthetic) {
        throw new Error(
          `basis of ${recordType}: synthetic records counted without includeSynthetic`,
        );
      }
      synthetic += n;
    } else {
      real += n;
      const c = confidenceOf(row.confidence);
      byConfidence.set(c, (byConfidence.get(c) ?? 0) + n);
    }
  }
  const order = (c: Confidence | null) =>
    c === Confidence.VERIFIED ? 0 : c === Confidence.TO_VERIFY ? 1 : 2;
  return {
    recordType,
    includesSynthetic: includeSynthetic,
    records: real + synthetic,
    realRecords: real,
    syntheticRecords: synthetic,
    byConfidence: [...byConfidence.entries()]
      .sort(([a], [b]) => order(a) - order(b))
      .map(([confidence, records]) => ({ confidence, records })),
    money: [...money]
      .sort((a, b) => a.currency.localeCompare(b.currency))
      .map((m) => ({
        currency: m.currency,
        realAmount: m.real ?? '0',
        syntheticAmount: m.synthetic ?? '0',
      })),
  };
}

/** A `Basis` of records already in memory (lists resolved through loaders). */
export function basisOfRecords(
  recordType: string,
  includeSynthetic: boolean,
  records: readonly { readonly synthetic: boolean; readonly confidence?: string | null }[],
): Basis {
  return buildBasis(
    recordType,
    includeSynthetic,
    records.map((r) => ({ synthetic: r.synthetic, confidence: r.confidence ?? null, records: 1 })),
  );
}
