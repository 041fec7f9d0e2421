import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL } from '../support/harness.js';
import { startGatewayStack, type GatewayStack } from './stack.js';

let stack: GatewayStack;

beforeAll(async () => {
  stack = await startGatewayStack({
    RESPONSE_CACHE: 'off',
    SUBGRAPH_DEDUP: 'off',
    // Every query below costs 1 + 195 × 4 = 781: heavy here, one at a time, barely any wait.
    HEAVY_OPERATION_COST: '500',
    HEAVY_OPERATIONS_AT_ONCE: '1',
    HEAVY_OPERATION_WAIT_MS: '1',
  });
});
afterAll(() => stack?.close());

const HEAVY = `{ countries(first: 195) { edges { node { iso3 name region { name } } } } }`;
const LIGHT = `{ country(iso3: "KEN") { name } }`;

describe('heavy operations run a few at a time', () => {
  it('refuses a heavy operation that finds no slot in time with OVERLOADED (503), never a crash', async () => {
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => postGraphQL(stack.url, HEAVY)),
    );
    const refused = answers.filter((a) => a.errors?.[0]?.extensions?.['code'] === 'OVERLOADED');
    const served = answers.filter((a) => !a.errors);
    expect(served.length).toBeGreaterThanOrEqual(1);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(served.length + refused.length).toBe(8);
    expect(refused[0]).toMatchObject({ status: 503 });
    expect(refused[0]?.errors?.[0]?.extensions).toMatchObject({ retryAfterSeconds: 1 });
  });

  it('frees the slot of a heavy operation that another check refuses meanwhile (a NUL in a variable)', async () => {
    // The NUL check answers 400 while the limits plugin still waits on the budget, then takes a
    // slot: it must give it back, or a few such requests hold every heavy slot for good.
    const refusedElsewhere = `query ($after: String) { countries(first: 195, after: $after) { edges { node { iso3 name region { name } } } } }`;
    for (let i = 0; i < 3; i += 1) {
      const answer = await postGraphQL(stack.url, refusedElsewhere, { after: `a\u0000${i}` });
      expect(answer.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    }
    for (let i = 0; i < 3; i += 1) {
      expect((await postGraphQL(stack.url, HEAVY)).errors).toBeUndefined();
    }
  });

  it('lets light operations through while heavy ones hold every slot, and frees the slots after', async () => {
    const [heavy, light] = await Promise.all([
      postGraphQL(stack.url, HEAVY),
      postGraphQL(stack.url, LIGHT),
    ]);
    expect(light.errors).toBeUndefined();
    expect(heavy.errors).toBeUndefined();
    // Slots were all released: sequential heavy operations always get one.
    for (let i = 0; i < 3; i += 1) {
      expect((await postGraphQL(stack.url, HEAVY)).errors).toBeUndefined();
    }
  });
});
