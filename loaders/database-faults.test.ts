import { describe, expect, it } from 'vitest';
import { databaseFault } from './database-faults.js';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('databaseFault', () => {
  it('names timeouts and outages, through wrappers, and nothing else', () => {
    expect(databaseFault(pgError('57014'))).toBe('timeout');
    expect(databaseFault(pgError('57P01'))).toBe('unavailable');
    expect(databaseFault(pgError('08006'))).toBe('unavailable');
    expect(databaseFault(pgError('ECONNREFUSED'))).toBe('unavailable');
    expect(databaseFault(new Error('timeout exceeded when trying to connect'))).toBe('unavailable');
    expect(databaseFault(new Error('Connection terminated unexpectedly'))).toBe('unavailable');
    const wrapped = Object.assign(new Error('resolver failed'), {
      originalError: pgError('57P03'),
    });
    expect(databaseFault(wrapped)).toBe('unavailable');
    expect(databaseFault(pgError('23505'))).toBeUndefined();
    expect(databaseFault(new Error('a bug'))).toBeUndefined();
    expect(databaseFault('not an error')).toBeUndefined();
  });
});
