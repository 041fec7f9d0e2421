import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inFlightKey } from '../../gateway/subgraph-data-source.js';
import { postGraphQL } from '../support/harness.js';
import { startGatewayStack, type GatewayStack } from './stack.js';

let stack: GatewayStack;

beforeAll(async () => {
  stack = await startGatewayStack({ RESPONSE_CACHE: 'off' });
});
afterAll(() => stack?.close());

async function sharedFetches(): Promise<number> {
  const text = await (await fetch(`${stack.origin}/metrics`)).text();
  const line = text
    .split('\n')
    .find((l) => l.startsWith('gateway_subgraph_fetches_shared_total{subgraph="member-states"}'));
  return line ? Number(line.split(' ').pop()) : 0;
}

const QUERY = `{ countries(first: 300) { totalCount edges { node { iso3 name region { name } } } } }`;

describe('identical queries in flight share one subgraph fetch', () => {
  it('answers 12 concurrent identical requests right, with fewer fetches and SQL statements', async () => {
    const single = await postGraphQL(stack.url, QUERY);
    expect(single.errors).toBeUndefined();
    stack.memberStates.resetSql();
    await postGraphQL(stack.url, QUERY);
    const sqlPerRequest = stack.memberStates.sql.length;
    expect(sqlPerRequest).toBeGreaterThan(0);

    const before = await sharedFetches();
    stack.memberStates.resetSql();
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => postGraphQL(stack.url, QUERY)),
    );
    for (const answer of answers) {
      // Each caller gets a whole, separate answer, equal to the one fetched alone.
      expect(answer.errors).toBeUndefined();
      expect(answer.data).toEqual(single.data);
    }
    const shared = (await sharedFetches()) - before;
    expect(shared).toBeGreaterThan(0);
    expect(stack.memberStates.sql.length).toBeLessThan(12 * sqlPerRequest);
  });

  it('never shares across viewers, documents or variables', () => {
    const analyst = { role: 'analyst', subject: 'a' } as const;
    const editor = { role: 'editor', subject: 'e' } as const;
    expect(inFlightKey(analyst, '{ a }', {})).not.toBe(inFlightKey(editor, '{ a }', {}));
    expect(inFlightKey(analyst, '{ a }', {})).not.toBe(inFlightKey(analyst, '{ b }', {}));
    expect(inFlightKey(analyst, '{ a }', { x: 1 })).not.toBe(
      inFlightKey(analyst, '{ a }', { x: 2 }),
    );
    expect(inFlightKey(analyst, '{ a }', { x: 1 })).toBe(
      inFlightKey({ ...analyst }, '{ a }', { x: 1 }),
    );
  });
});
