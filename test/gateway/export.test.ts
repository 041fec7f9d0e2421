import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayStack, type GatewayStack } from './stack.js';

// Exports through the real gateway (member-states on the test database behind it).

let stack: GatewayStack;

beforeAll(async () => {
  stack = await startGatewayStack({ RESPONSE_CACHE: 'off' });
});
afterAll(() => stack?.close());

const QUERY =
  'query ThreeCountries { countries(first: 3) { totalCount edges { node { iso3 name region { name } } } } }';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const post = (accept: string, query: string, extra: Record<string, string> = {}) =>
  fetch(stack.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept, ...extra },
    body: JSON.stringify({ query }),
  });

describe('exporting a query result', () => {
  it('answers accept: text/csv with a CSV file, one row per country, dotted columns', async () => {
    const response = await post('text/csv', QUERY, {
      'x-apollo-operation-name': 'ThreeCountries',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="ThreeCountries.csv"',
    );
    const lines = (await response.text()).replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe(
      'countries.totalCount,countries.iso3,countries.name,countries.region.name',
    );
    expect(lines).toHaveLength(5);
    expect(lines[4]).toBe('');
    for (const line of lines.slice(1, 4)) {
      expect(line).toMatch(/^\d+,[A-Z]{3},[^,]+,/);
    }
  });

  it('answers ?format=xlsx on GET with a workbook holding the same rows', async () => {
    const csv = (await (await post('text/csv', QUERY)).text()).replace(/^\uFEFF/, '');
    const url = `${stack.url}?query=${encodeURIComponent(QUERY)}&format=xlsx`;
    const response = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(XLSX);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.getWorksheet('result');
    const rows: string[] = [];
    sheet?.eachRow((row) => {
      rows.push((row.values as unknown[]).slice(1).join(','));
    });
    expect(rows).toEqual(csv.split('\r\n').filter((line) => line !== ''));
  });

  it('makes no file from a result with errors: EXPORT_INCOMPLETE, then the errors', async () => {
    const response = await post('text/csv', '{ country(iso3: "XXX") { name } }');
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors.map((e) => e.extensions.code)).toEqual(['EXPORT_INCOMPLETE', 'NOT_FOUND']);
  });

  it('refuses an unknown ?format= with 400 BAD_REQUEST naming the formats', async () => {
    const response = await fetch(`${stack.url}?query=%7B__typename%7D&format=pdf`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      errors: { message: string; extensions: { code: string } }[];
    };
    expect(body.errors[0]?.extensions.code).toBe('BAD_REQUEST');
    expect(body.errors[0]?.message).toMatch(/format=csv or format=xlsx/);
  });

  it('leaves plain JSON requests as they were', async () => {
    const response = await post('application/json', '{ __typename }');
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });
});
