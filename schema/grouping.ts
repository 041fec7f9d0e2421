import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { cacheHint } from './cache-control.js';

/**
 * Counting and grouping, one way for every subgraph. A list that analysts count (countries,
 * treaty participants …) offers `groupBy(field: <Its>GroupField!): [Group!]!` beside its
 * `totalCount`, over exactly the records the list holds (same filter, synthetic records only when
 * the list lets them in). The rules, kept by `toGroups`:
 *
 * - every record is counted once, so the counts add up to the list's total;
 * - a record without a value for the field falls in the group `NONE`;
 * - every value of a closed list (an enum, the five M49 regions) is listed, with 0 where no record
 *   has it; other values (sub-regions …) are listed where at least one record has them;
 * - groups come in the order of that closed list, then by label.
 */
@ObjectType({
  description:
    'One group of a count: the records of a list that share one value of the field grouped on. The counts of all groups add up to the list’s `totalCount`.',
})
@Directive('@shareable')
@Directive(cacheHint.inherit)
export class Group {
  @Field(() => String, {
    description:
      'The value grouped on, as the API spells it elsewhere: an M49 code ("002"), an enum value ("PARTY"); "NONE" for records without a value.',
  })
  key!: string;

  @Field(() => String, { description: 'Its name, such as "Africa" or "Party".' })
  label!: string;

  @Field(() => Int, { description: 'How many records of the list have this value.' })
  count!: number;
}

/** The key of the group of records that have no value for the field. */
export const NO_VALUE_KEY = 'NONE';

/** The assumed length of a `groupBy` list, for the gateway's cost model (`@listSize`). */
export const GROUPS_LIST_SIZE = 30;

/** A value a field can take, with its label. */
export interface GroupValue {
  readonly key: string;
  readonly label: string;
}

/** How many records have one value (null: none), as SQL `group by` or `countBy` gives them. */
export interface KeyCount {
  readonly key: string | null;
  readonly count: number;
}

/** The values of an enum, labelled, in declaration order: `enumValues({ PARTY: 'Party', … })`. */
export function enumValues<K extends string>(labels: Readonly<Record<K, string>>): GroupValue[] {
  return Object.entries<string>(labels).map(([key, label]) => ({ key, label }));
}

/** Counts items by a key, in memory (for lists computed outside SQL). */
export function countBy<T>(items: Iterable<T>, keyOf: (item: T) => string | null): KeyCount[] {
  const counts = new Map<string | null, number>();
  for (const item of items) {
    const key = keyOf(item);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, count]) => ({ key, count }));
}

/**
 * Counts → groups, by the rules above. `closed`: every value the field can take when it is a
 * short closed list (listed even at 0); `labelOf`: the label of a value outside it; `noneLabel`:
 * what a record without a value is called.
 */
export function toGroups(
  counts: readonly KeyCount[],
  options: {
    readonly closed?: readonly GroupValue[];
    readonly labelOf?: (key: string) => string | undefined;
    readonly noneLabel: string;
  },
): Group[] {
  const byKey = new Map<string, number>();
  for (const { key, count } of counts) {
    const k = key ?? NO_VALUE_KEY;
    byKey.set(k, (byKey.get(k) ?? 0) + Number(count));
  }
  const closed = options.closed ?? [];
  const groups: Group[] = closed.map(({ key, label }) => ({
    key,
    label,
    count: byKey.get(key) ?? 0,
  }));
  const listed = new Set(closed.map((v) => v.key));
  const open = [...byKey]
    .filter(([key]) => !listed.has(key) && key !== NO_VALUE_KEY)
    .map(([key, count]) => ({ key, label: options.labelOf?.(key) ?? key, count }))
    .sort((a, b) => a.label.localeCompare(b.label, 'en') || a.key.localeCompare(b.key));
  groups.push(...open);
  const none = byKey.get(NO_VALUE_KEY);
  if (none) {
    groups.push({ key: NO_VALUE_KEY, label: options.noneLabel, count: none });
  }
  return groups;
}

/**
 * Where a list's result carries its scope: an own enumerable symbol, so it survives the copy
 * type-graphql may make into its class (`Object.assign` copies symbols) and is never serialized.
 */
const GROUP_SCOPE = Symbol('groupScope');

/**
 * Remembers, on a list's result object (a connection, a report), what it was computed from (the
 * validated filter), so its `groupBy` field counts exactly the same records.
 */
export function withGroupScope<T extends object, S>(result: T, scope: S): T {
  (result as Record<symbol, unknown>)[GROUP_SCOPE] = scope;
  return result;
}

/** The scope `withGroupScope` stored; throws if the result was built without one. */
export function groupScopeOf<S>(result: object): S {
  if (!Object.hasOwn(result, GROUP_SCOPE)) {
    throw new Error('groupBy asked of a list built without withGroupScope');
  }
  return (result as Record<symbol, unknown>)[GROUP_SCOPE] as S;
}
