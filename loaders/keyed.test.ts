import { describe, expect, it } from 'vitest';
import { byKey, groupByKey } from './keyed.js';

describe('byKey', () => {
  it('orders items by the keys asked for, with null for a missing key', () => {
    const items = [{ id: 'b' }, { id: 'a' }];
    expect(byKey(['a', 'x', 'b'], items, (i) => i.id)).toEqual([{ id: 'a' }, null, { id: 'b' }]);
  });
});

describe('groupByKey', () => {
  it('groups items per parent key in key order, with [] for a parent without items', () => {
    const items = [
      { parent: 'p2', n: 1 },
      { parent: 'p1', n: 2 },
      { parent: 'p2', n: 3 },
    ];
    expect(groupByKey(['p1', 'p3', 'p2'], items, (i) => i.parent)).toEqual([
      [{ parent: 'p1', n: 2 }],
      [],
      [
        { parent: 'p2', n: 1 },
        { parent: 'p2', n: 3 },
      ],
    ]);
  });
});
