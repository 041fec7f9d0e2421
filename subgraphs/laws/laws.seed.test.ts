import { describe, expect, it } from 'vitest';
import { consentsNeededOf } from './laws.seed.js';

describe('consentsNeededOf', () => {
  it('reads the count of consents from an entry-into-force rule', () => {
    expect(
      consentsNeededOf(
        '90th day after deposit of the 40th instrument of ratification, acceptance, approval or accession',
      ),
    ).toBe(40);
  });

  it('gives null where the rule is not a plain count', () => {
    expect(consentsNeededOf('After five ratifications')).toBeNull();
    expect(consentsNeededOf(null)).toBeNull();
  });
});
