import { describe, expect, it } from 'vitest';
import type { Problems } from '../../schema/validation.js';
import { checkCaseSearch } from './case-law-search.validation.js';
import { checkLawSearch } from './search.validation.js';
import { checkMovementRange } from './treaty-history.validation.js';

describe('search checks', () => {
  it('names every invalid field of a law search at once, on the shared rules', () => {
    const problems: Problems = [];
    const text = checkLawSearch(problems, '  ', {
      languages: ['FR'],
      kinds: [],
      countryIso3s: [],
      inForceFromYear: 2015,
      inForceToYear: 2010,
    });
    expect(text).toBeUndefined();
    expect(problems).toEqual([
      { field: 'text', message: 'must not be empty; omit it to list everything' },
      {
        field: 'filter.languages',
        message: 'must list ISO 639-1 codes of two lower-case letters, such as "fr"',
      },
      { field: 'filter.kinds', message: 'must list between 1 and 20 entries' },
      { field: 'filter.countryIso3s', message: 'must list between 1 and 250 entries' },
      { field: 'filter.inForceToYear', message: 'ends (2010) before the range starts (2015)' },
    ]);
  });

  it('trims a good search text and finds nothing wrong with an empty filter', () => {
    const problems: Problems = [];
    expect(checkLawSearch(problems, ' hacking ', {})).toBe('hacking');
    expect(checkCaseSearch(problems, undefined, {})).toBeUndefined();
    expect(problems).toEqual([]);
  });

  it('refuses blank lesson categories and years out of range', () => {
    const problems: Problems = [];
    checkCaseSearch(problems, 'x'.repeat(201), { categories: [' '], fromYear: 1700 });
    expect(problems).toEqual([
      { field: 'text', message: 'must be at most 200 characters' },
      { field: 'filter.fromYear', message: 'must be a year between 1800 and 2100; got 1700' },
      { field: 'filter.categories', message: 'each must be 1–100 characters' },
    ]);
  });

  it('bounds treaty movements to 30 years, the end not before the start', () => {
    const backwards: Problems = [];
    checkMovementRange(backwards, '2020-01-01', '2019-12-31');
    expect(backwards).toEqual([
      { field: 'to', message: 'ends (2019-12-31) before it starts (2020-01-01)' },
    ]);
    const long: Problems = [];
    checkMovementRange(long, '1950-01-01', '2020-01-01');
    expect(long).toEqual([{ field: 'to', message: 'the range may span at most 30 years' }]);
  });
});
