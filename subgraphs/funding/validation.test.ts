import { describe, expect, it } from 'vitest';
import { percentagesProblem } from './project.validation.js';
import { amountProblem, currencyProblem, dateOutsideProject } from './transaction.validation.js';

describe('funding validation', () => {
  it('accepts positive exact decimals and rejects negative, zero and non-numeric amounts', () => {
    expect(amountProblem('35000000')).toBeUndefined();
    expect(amountProblem('0.10')).toBeUndefined();
    expect(amountProblem('-5')).toMatch(/negative/);
    expect(amountProblem('0.00')).toMatch(/greater than zero/);
    expect(amountProblem('1e6')).toMatch(/decimal number/);
    expect(amountProblem('abc')).toMatch(/decimal number/);
  });

  it('knows ISO 4217 codes', () => {
    expect(currencyProblem('NOK')).toBeUndefined();
    expect(currencyProblem('QAR')).toBeUndefined();
    expect(currencyProblem('XYZ')).toMatch(/not an ISO 4217/);
  });

  it('sums percentages exactly: 33.33 + 33.33 + 33.34 is 100, 33.33 × 3 is not', () => {
    expect(percentagesProblem(['33.33', '33.33', '33.34'])).toBeUndefined();
    expect(percentagesProblem(['33.33', '33.33', '33.33'])).toBe(
      'must sum to 100; they sum to 99.99',
    );
    expect(percentagesProblem([null])).toBeUndefined();
    expect(percentagesProblem([null, null])).toMatch(/each country/);
    expect(percentagesProblem(['50', null])).toMatch(/every country/);
  });

  it('checks a date against the actual dates first, then the planned ones', () => {
    const project = {
      plannedStart: '2019-01-01',
      plannedEnd: '2021-12-31',
      actualStart: '2019-03-01',
      actualEnd: null,
    };
    expect(dateOutsideProject('2019-02-01', project)).toMatch(/before the project starts/);
    expect(dateOutsideProject('2022-01-01', project)).toMatch(/after the project ends/);
    expect(dateOutsideProject('2020-06-30', project)).toBeUndefined();
  });
});
