import { describe, expect, it } from 'vitest';
import { percentagesProblem } from './project.validation.js';
import { amountProblem, currencyProblem, dateOutsideProject } from './transaction.validation.js';

describe('funding validation', () => {
  it('accepts positive exact decimals and rejects negative, zero and non-numeric amounts', () => {
    expect(amountProblem('35000000')).toBeUndefined();
    expect(amountProblem('0.10')).toBeUndefined();
    expect({
      '-5': amountProblem('-5'),
      '0.00': amountProblem('0.00'),
      '1e6': amountProblem('1e6'),
      abc: amountProblem('abc'),
    }).toMatchInlineSnapshot(`
      {
        "-5": "must not be negative; got "-5"",
        "0.00": "must be greater than zero",
        "1e6": "must be a decimal number written as a string, such as "1250.50"; got "1e6"",
        "abc": "must be a decimal number written as a string, such as "1250.50"; got "abc"",
      }
    `);
  });

  it('knows ISO 4217 codes', () => {
    expect(currencyProblem('NOK')).toBeUndefined();
    expect(currencyProblem('QAR')).toBeUndefined();
    expect(currencyProblem('XYZ')).toMatchInlineSnapshot(
      `""XYZ" is not an ISO 4217 currency code (such as "USD", "NOK", "EUR")"`,
    );
  });

  it('sums percentages exactly: 33.33 + 33.33 + 33.34 is 100, 33.33 × 3 is not', () => {
    expect(percentagesProblem(['33.33', '33.33', '33.34'])).toBeUndefined();
    expect(percentagesProblem(['33.33', '33.33', '33.33'])).toBe(
      'must sum to 100; they sum to 99.99',
    );
    expect(percentagesProblem([null])).toBeUndefined();
    expect(percentagesProblem([null, null])).toMatchInlineSnapshot(
      `"give a percentage for each country when there are several"`,
    );
    expect(percentagesProblem(['50', null])).toMatchInlineSnapshot(
      `"give a percentage for every country, or for none"`,
    );
  });

  it('checks a date against the actual dates first, then the planned ones', () => {
    const project = {
      plannedStart: '2019-01-01',
      plannedEnd: '2021-12-31',
      actualStart: '2019-03-01',
      actualEnd: null,
    };
    expect(dateOutsideProject('2019-02-01', project)).toMatchInlineSnapshot(
      `"2019-02-01 is before the project starts (2019-03-01)"`,
    );
    expect(dateOutsideProject('2022-01-01', project)).toMatchInlineSnapshot(
      `"2022-01-01 is after the project ends (2021-12-31)"`,
    );
    expect(dateOutsideProject('2020-06-30', project)).toBeUndefined();
  });
});
