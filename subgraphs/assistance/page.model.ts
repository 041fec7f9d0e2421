import { type Connection, type PageArgs, readPage, toConnection } from '../../schema/pagination.js';

/**
 * A page of a list a loader already read in one batched statement (the list of one country, one
 * organisation…), with the kernel's `first`/`after` rules; `keyOf` gives each item's position as
 * a string that grows along the list.
 */
export function pageOfList<T>(
  items: readonly T[],
  page: PageArgs,
  keyOf: (item: T) => string,
): Connection<T> {
  const { limit, after } = readPage(page, ['string'] as const);
  const rest = after ? items.filter((item) => keyOf(item) > after[0]) : items;
  return toConnection(rest.slice(0, limit + 1), limit, items.length, (item) => [keyOf(item)]);
}

/** Activities in date order, undated last: `YYYY-MM-DD|id`. */
export function activityKey(activity: { startDate: string | null; id: string }): string {
  return `${activity.startDate ?? '9999-12-31'}|${activity.id}`;
}

/** Requests newest first: the day count is inverted so the key still grows along the list. */
export function requestKey(request: { receivedOn: string; id: string }): string {
  const days = Math.floor(Date.parse(`${request.receivedOn}T00:00:00Z`) / 86_400_000);
  return `${String(1_000_000 - days).padStart(7, '0')}|${request.id}`;
}
