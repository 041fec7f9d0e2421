import { describe, expect, it } from 'vitest';
import { countBy, enumValues, groupScopeOf, toGroups, withGroupScope } from './grouping.js';

describe('toGroups', () => {
  it('lists every closed value (zeros included) in order, then open values by label, then NONE', () => {
    const groups = toGroups(
      [
        { key: 'B', count: 2 },
        { key: null, count: 1 },
        { key: 'z-open', count: 3 },
        { key: 'a-open', count: 1 },
      ],
      {
        closed: enumValues({ A: 'Alpha', B: 'Beta' }),
        labelOf: (key) => key.toUpperCase(),
        noneLabel: 'Nothing',
      },
    );
    expect(groups).toEqual([
      { key: 'A', label: 'Alpha', count: 0 },
      { key: 'B', label: 'Beta', count: 2 },
      { key: 'a-open', label: 'A-OPEN', count: 1 },
      { key: 'z-open', label: 'Z-OPEN', count: 3 },
      { key: 'NONE', label: 'Nothing', count: 1 },
    ]);
    expect(groups.reduce((sum, g) => sum + g.count, 0)).toBe(7);
  });

  it('counts in memory the way SQL group by does', () => {
    expect(countBy(['x', 'y', 'x', null], (v) => v)).toEqual([
      { key: 'x', count: 2 },
      { key: 'y', count: 1 },
      { key: null, count: 1 },
    ]);
  });

  it('keeps a list’s scope through the copy type-graphql may make of it', () => {
    const report = withGroupScope({ total: 2 }, ['KEN', 'GHA']);
    expect(groupScopeOf<string[]>(Object.assign({}, report))).toEqual(['KEN', 'GHA']);
    expect(() => groupScopeOf({ total: 2 })).toThrow(/withGroupScope/);
  });
});
