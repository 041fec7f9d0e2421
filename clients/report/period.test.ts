import { describe, expect, it } from 'vitest';
import { ReportError } from './graph-client.js';
import { dayBefore, inPeriod, parsePeriod } from './period.js';

describe('the reporting period', () => {
  it('accepts calendar days with to on or after from', () => {
    expect(parsePeriod('2025-01-01', '2025-12-31')).toEqual({
      from: '2025-01-01',
      to: '2025-12-31',
    });
    expect(parsePeriod('2025-03-01', '2025-03-01')).toEqual({
      from: '2025-03-01',
      to: '2025-03-01',
    });
  });

  it('names the field that is wrong', () => {
    const fieldOf = (from?: string, to?: string) => {
      try {
        parsePeriod(from, to);
        return undefined;
      } catch (error) {
        expect(error).toBeInstanceOf(ReportError);
        return (error as ReportError).field;
      }
    };
    expect(fieldOf('2025-12-31', '2025-01-01')).toBe('to');
    expect(fieldOf('2025-02-30', '2025-12-31')).toBe('from');
    expect(fieldOf('2025-01-01', '31/12/2025')).toBe('to');
    expect(fieldOf(undefined, '2025-12-31')).toBe('from');
  });

  it('places days, and records dated only by a year, in the period', () => {
    const period = { from: '2025-01-01', to: '2025-12-31' };
    expect(inPeriod(period, '2025-06-30')).toBe(true);
    expect(inPeriod(period, '2024-12-31')).toBe(false);
    expect(inPeriod(period, null, 2025)).toBe(true);
    expect(inPeriod(period, null, 2024)).toBe(false);
    expect(inPeriod(period, null, null)).toBe(false);
    expect(dayBefore('2025-03-01')).toBe('2025-02-28');
  });
});
