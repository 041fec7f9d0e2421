/** Orders `items` to match `keys`, `null` where a key has no item (DataLoader's contract). */
export function byKey<K, V>(
  keys: readonly K[],
  items: readonly V[],
  keyOf: (item: V) => K,
): (V | null)[] {
  const map = new Map<K, V>();
  for (const item of items) {
    map.set(keyOf(item), item);
  }
  return keys.map((key) => map.get(key) ?? null);
}

/** Groups `items` by parent key in the order of `keys`, `[]` where a key has none. */
export function groupByKey<K, V>(
  keys: readonly K[],
  items: readonly V[],
  keyOf: (item: V) => K,
): V[][] {
  const map = new Map<K, V[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = map.get(key);
    if (group) {
      group.push(item);
    } else {
      map.set(key, [item]);
    }
  }
  return keys.map((key) => map.get(key) ?? []);
}
