import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCache } from '../../loaders/cache.js';
import { memberStatesSubgraph } from '../../subgraphs/member-states/index.js';
import { clientErrors } from '../support/client-errors.js';
import { startTestSubgraph, type TestSubgraph } from '../support/harness.js';
import { as } from '../support/viewer.js';

let subgraph: TestSubgraph;

// Illustrative values only: the index name says so, and no real published score is claimed.
const RECORD = `mutation($input: RecordCapabilityIndicatorInput!) {
  recordCapabilityIndicator(input: $input) { id indexName edition pillar score scoreMax tier sourceUrl confidence }
}`;
const input = (overrides: Record<string, unknown> = {}) => ({
  countryIso3: 'KEN',
  indexName: 'Test index (illustrative)',
  edition: '2024',
  pillar: 'Legal measures',
  score: '18.5',
  scoreMax: '20',
  sourceUrl: 'https://example.org/test-index-2024',
  ...overrides,
});

beforeAll(async () => {
  subgraph = await startTestSubgraph(memberStatesSubgraph, {
    cache: new MemoryCache({ maxEntries: 1000 }),
  });
  await sql`delete from member_states.capability_indicator`.execute(subgraph.database.db);
});
afterAll(() => subgraph?.close());

describe('member-states: capability indicators', () => {
  it('starts empty: no index value is seeded or invented', async () => {
    const { data, errors } = await subgraph.query(
      `{ country(iso3: "KEN") { capabilityIndicators { id } } }`,
    );
    expect(errors).toBeUndefined();
    expect(data?.['country'].capabilityIndicators).toEqual([]);
  });

  it('lets an editor record a sourced value, audited, and shows it on the country at once', async () => {
    // Read first, so the (empty) list is cached: the write must purge it.
    await subgraph.query(`{ country(iso3: "KEN") { capabilityIndicators { id } } }`);
    const { data, errors } = await subgraph.query(RECORD, { input: input() }, as.editor);
    expect(errors).toBeUndefined();
    expect(data?.['recordCapabilityIndicator']).toMatchObject({
      indexName: 'Test index (illustrative)',
      score: '18.5',
      scoreMax: '20',
      tier: null,
      confidence: 'TO_VERIFY',
    });
    const id = data?.['recordCapabilityIndicator'].id as string;
    const read = await subgraph.query(
      `{ country(iso3: "KEN") { capabilityIndicators(indexName: "Test index (illustrative)") { id pillar score } } }`,
    );
    expect(read.data?.['country'].capabilityIndicators).toEqual([
      { id, pillar: 'Legal measures', score: '18.5' },
    ]);
    const audit = await subgraph.query(
      `{ memberStatesAuditLog(entityId: "${id}") { action entityType } }`,
      {},
      as.editor,
    );
    expect(audit.data?.['memberStatesAuditLog']).toEqual([
      { action: 'CREATE', entityType: 'CapabilityIndicator' },
    ]);
  });

  it('refuses a second value for the same country, index, edition and pillar, naming the edition', async () => {
    const { errors } = await subgraph.query(RECORD, { input: input() }, as.editor);
    expect(clientErrors({ errors })).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "BAD_USER_INPUT",
            "invalidFields": [
              {
                "field": "input.edition",
                "message": "a record with this value already exists",
              },
            ],
          },
          "message": "Invalid input. input.edition: a record with this value already exists",
          "path": [
            "recordCapabilityIndicator",
          ],
        },
      ]
    `);
  });

  it('names every wrong field at once', async () => {
    const { errors } = await subgraph.query(
      RECORD,
      { input: input({ pillar: ' ', score: '25', edition: 'x'.repeat(21) }) },
      as.editor,
    );
    expect(clientErrors({ errors })).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "BAD_USER_INPUT",
            "invalidFields": [
              {
                "field": "input.edition",
                "message": "must be at most 20 characters",
              },
              {
                "field": "input.pillar",
                "message": "must not be empty",
              },
              {
                "field": "input.score",
                "message": "must be between 0 and 20",
              },
            ],
          },
          "message": "Invalid input. input.edition: must be at most 20 characters; input.pillar: must not be empty; input.score: must be between 0 and 20",
          "path": [
            "recordCapabilityIndicator",
          ],
        },
      ]
    `);
    const noValue = await subgraph.query(
      RECORD,
      { input: input({ score: null, scoreMax: null }) },
      as.editor,
    );
    expect(clientErrors(noValue)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "BAD_USER_INPUT",
            "invalidFields": [
              {
                "field": "input.score",
                "message": "give a score, a tier or both",
              },
            ],
          },
          "message": "Invalid input. input.score: give a score, a tier or both",
          "path": [
            "recordCapabilityIndicator",
          ],
        },
      ]
    `);
    const noMax = await subgraph.query(RECORD, { input: input({ scoreMax: null }) }, as.editor);
    expect(clientErrors(noMax)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "BAD_USER_INPUT",
            "invalidFields": [
              {
                "field": "input.scoreMax",
                "message": "is required with a score",
              },
            ],
          },
          "message": "Invalid input. input.scoreMax: is required with a score",
          "path": [
            "recordCapabilityIndicator",
          ],
        },
      ]
    `);
  });

  it('answers NOT_FOUND for an unknown country and refuses viewers who are not editors', async () => {
    const unknown = await subgraph.query(
      RECORD,
      { input: input({ countryIso3: 'XXX' }) },
      as.editor,
    );
    expect(clientErrors(unknown)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "NOT_FOUND",
            "field": "input.countryIso3",
            "key": "XXX",
            "type": "Country",
          },
          "message": "No Country has input.countryIso3 "XXX".",
          "path": [
            "recordCapabilityIndicator",
          ],
        },
      ]
    `);
    const analyst = await subgraph.query(RECORD, { input: input({ edition: '2020' }) }, as.analyst);
    expect(clientErrors(analyst)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "FORBIDDEN",
          },
          "message": "Forbidden: role "analyst" may not do this; it needs one of: editor.",
          "path": [
            "recordCapabilityIndicator",
          ],
        },
      ]
    `);
    const anonymous = await subgraph.query(RECORD, { input: input({ edition: '2021' }) });
    expect(clientErrors(anonymous)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "UNAUTHENTICATED",
          },
          "message": "Not authenticated: this field needs a signed-in viewer; send a bearer token.",
          "path": [
            "recordCapabilityIndicator",
          ],
        },
      ]
    `);
  });

  it('reads the indicators of many countries in one statement', async () => {
    const iso3s = ['KEN', 'NGA', 'ZAF', 'GHA', 'EGY', 'MAR', 'TUN', 'SEN', 'ETH', 'UGA'];
    subgraph.resetSql();
    const { errors } = await subgraph.query(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Country { capabilityIndicators { id } } } }`,
      { r: iso3s.map((iso3) => ({ __typename: 'Country', iso3 })) },
    );
    expect(errors).toBeUndefined();
    // KEN's list is cached from the tests above; the nine others come in one statement.
    expect(subgraph.sql.filter((s) => /capability_indicator/.test(s))).toHaveLength(1);
  });

  it('lets an editor correct a value, with the reason, audited with the value before', async () => {
    const recorded = await subgraph.query(
      RECORD,
      { input: input({ edition: '2022', score: '10', scoreMax: '20' }) },
      as.editor,
    );
    const id = recorded.data?.['recordCapabilityIndicator'].id as string;
    const CORRECT = `mutation($id: String!, $input: CorrectCapabilityIndicatorInput!) { correctCapabilityIndicator(id: $id, input: $input) { id edition score scoreMax tier confidence } }`;
    const bad = await subgraph.query(
      CORRECT,
      {
        id,
        input: { score: '30', scoreMax: '20', sourceUrl: 'https://example.org/x', reason: ' ' },
      },
      as.editor,
    );
    expect(clientErrors(bad)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "BAD_USER_INPUT",
            "invalidFields": [
              {
                "field": "input.reason",
                "message": "must not be empty",
              },
              {
                "field": "input.score",
                "message": "must be between 0 and 20",
              },
            ],
          },
          "message": "Invalid input. input.reason: must not be empty; input.score: must be between 0 and 20",
          "path": [
            "correctCapabilityIndicator",
          ],
        },
      ]
    `);
    const { data, errors } = await subgraph.query(
      CORRECT,
      {
        id,
        input: {
          score: '12.5',
          scoreMax: '20',
          sourceUrl: 'https://example.org/test-index-2022-errata',
          confidence: 'VERIFIED',
          reason: 'Erratum of the publisher (test)',
        },
      },
      as.editor,
    );
    expect(errors).toBeUndefined();
    expect(data?.['correctCapabilityIndicator']).toEqual({
      id,
      edition: '2022',
      score: '12.5',
      scoreMax: '20',
      tier: null,
      confidence: 'VERIFIED',
    });
    const analyst = await subgraph.query(
      CORRECT,
      { id, input: { tier: 'x', sourceUrl: 'https://example.org/x', reason: 'x' } },
      as.analyst,
    );
    expect(clientErrors(analyst)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "FORBIDDEN",
          },
          "message": "Forbidden: role "analyst" may not do this; it needs one of: editor.",
          "path": [
            "correctCapabilityIndicator",
          ],
        },
      ]
    `);
    const audit = await subgraph.query(
      `{ memberStatesAuditLog(entityId: "${id}") { action before after } }`,
      {},
      as.editor,
    );
    const [correction] = audit.data?.['memberStatesAuditLog'] as any[];
    expect(correction.action).toBe('CORRECT');
    expect(JSON.parse(correction.before)).toMatchObject({ score: '10' });
    expect(JSON.parse(correction.after)).toMatchObject({
      score: '12.5',
      reason: 'Erratum of the publisher (test)',
    });
  });

  it('lets an editor withdraw a value: audited, gone from the country, NOT_FOUND to withdraw again', async () => {
    const recorded = await subgraph.query(RECORD, { input: input({ edition: '2023' }) }, as.editor);
    const id = recorded.data?.['recordCapabilityIndicator'].id as string;
    const LIST = `{ country(iso3: "KEN") { capabilityIndicators { id } } }`;
    const before = await subgraph.query(LIST);
    expect(before.data?.['country'].capabilityIndicators.map((i: any) => i.id)).toContain(id);
    const WITHDRAW = `mutation($id: String!, $reason: String!) { withdrawCapabilityIndicator(id: $id, reason: $reason) { id } }`;
    const noReason = await subgraph.query(WITHDRAW, { id, reason: '' }, as.editor);
    expect(clientErrors(noReason)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "BAD_USER_INPUT",
            "invalidFields": [
              {
                "field": "reason",
                "message": "must not be empty",
              },
            ],
          },
          "message": "Invalid input. reason: must not be empty",
          "path": [
            "withdrawCapabilityIndicator",
          ],
        },
      ]
    `);
    const { errors } = await subgraph.query(
      WITHDRAW,
      { id, reason: 'Recorded for the wrong country (test)' },
      as.editor,
    );
    expect(errors).toBeUndefined();
    const after = await subgraph.query(LIST);
    expect(after.data?.['country'].capabilityIndicators.map((i: any) => i.id)).not.toContain(id);
    const again = await subgraph.query(WITHDRAW, { id, reason: 'again' }, as.editor);
    expect(clientErrors(again, { [id]: '<id>' })).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "NOT_FOUND",
            "field": "id",
            "key": "<id>",
            "type": "CapabilityIndicator",
          },
          "message": "No CapabilityIndicator has id "<id>".",
          "path": [
            "withdrawCapabilityIndicator",
          ],
        },
      ]
    `);
    const audit = await subgraph.query(
      `{ memberStatesAuditLog(entityId: "${id}") { action after } }`,
      {},
      as.editor,
    );
    const [withdrawal] = audit.data?.['memberStatesAuditLog'] as any[];
    expect(withdrawal.action).toBe('WITHDRAW');
    expect(JSON.parse(withdrawal.after)).toEqual({
      withdrawn: true,
      reason: 'Recorded for the wrong country (test)',
    });
  });
});
