import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { columnsOf, csvField, flattenRows } from './export-rows.js';
import { exportFormatOf } from './export.js';

const request = (url: string, accept?: string) =>
  ({ url, headers: accept ? { accept } : {} }) as unknown as IncomingMessage;

describe('flattening a result into rows', () => {
  it('makes one row per node of a connection, with dotted columns and the totals repeated', () => {
    const data = {
      countries: {
        totalCount: 2,
        edges: [
          { cursor: 'a', node: { iso3: 'KEN', region: { name: 'Africa' }, tags: ['x', 'y'] } },
          { cursor: 'b', node: { iso3: 'FRA', region: null, tags: [] } },
        ],
      },
    };
    expect([...flattenRows(data)]).toEqual([
      {
        'countries.totalCount': 2,
        'countries.cursor': 'a',
        'countries.iso3': 'KEN',
        'countries.region.name': 'Africa',
        'countries.tags': 'x; y',
      },
      {
        'countries.totalCount': 2,
        'countries.cursor': 'b',
        'countries.iso3': 'FRA',
        'countries.region': null,
      },
    ]);
  });

  it('multiplies sibling lists and keeps a parent whose list is empty', () => {
    const data = { a: [{ x: 1 }, { x: 2 }], b: [{ y: 'p' }, { y: 'q' }], c: [] };
    expect([...flattenRows(data)].map((row) => `${row['a.x']}${row['b.y']}`)).toEqual([
      '1p',
      '1q',
      '2p',
      '2q',
    ]);
  });

  it('works out the columns and the row count from the shape, and refuses past the row limit', () => {
    const data = { a: [{ x: 1 }, { x: 2, z: 3 }], b: [{ y: [1, 2] }, { y: [] }, {}], c: [] };
    expect(columnsOf(data)).toEqual({ columns: ['a.x', 'a.z', 'b.y'], rows: 6 });
    expect([...flattenRows(data)]).toHaveLength(6);
    expect(columnsOf(data, 5)).toBeUndefined();
  });
});

describe('CSV fields', () => {
  it('quotes what RFC 4180 needs quoted and neutralises formulas, not negative numbers', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"\n')).toBe('"say ""hi""\n"');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('-12.5')).toBe('-12.5');
    expect(csvField('-cmd')).toBe("'-cmd");
    expect(csvField(-3)).toBe('-3');
    expect(csvField(null)).toBe('');
    expect(csvField(true)).toBe('true');
  });
});

describe('the export a request asks for', () => {
  it('reads ?format= first, then the first accepted media type', () => {
    expect(exportFormatOf(request('/graphql?query=x&format=csv'))).toBe('csv');
    expect(exportFormatOf(request('/graphql?format=xlsx'))).toBe('xlsx');
    expect(exportFormatOf(request('/graphql?format=pdf'))).toBe('invalid');
    expect(exportFormatOf(request('/graphql', 'text/csv'))).toBe('csv');
    expect(
      exportFormatOf(
        request('/graphql', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
      ),
    ).toBe('xlsx');
    expect(exportFormatOf(request('/graphql', 'application/json, text/csv'))).toBeUndefined();
    expect(exportFormatOf(request('/graphql'))).toBeUndefined();
  });
});
