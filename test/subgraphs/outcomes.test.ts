import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCache } from '../../loaders/cache.js';
import { assistanceSubgraph } from '../../subgraphs/assistance/index.js';
import { clientErrors } from '../support/client-errors.js';
import { startTestSubgraph, type TestSubgraph } from '../support/harness.js';
import { asViewer } from '../support/viewer.js';

// Outcomes on the assistance subgraph alone: what a bad outcome is refused for, each problem
// naming its field, and how a recorded one is reached (activity, request, key).

let subgraph: TestSubgraph;
const EDITOR = asViewer({ role: 'editor', subject: 'test-editor' });
let activityId: string;
let pendingId: string;

const RECORD = `mutation($i: RecordOutcomeInput!) { recordOutcome(input: $i) { id kind count occurredOn legislation { id } } }`;
const outcome = (overrides: Record<string, unknown> = {}) => ({
  kind: 'PRACTITIONERS_CERTIFIED',
  occurredOn: '2024-06-03',
  country: 'GHA',
  summary: 'Investigators certified after the course (test)',
  count: 12,
  activityId,
  evidenceSource: 'Certification list (test)',
  ...overrides,
});

beforeAll(async () => {
  subgraph = await startTestSubgraph(assistanceSubgraph, {
    cache: new MemoryCache({ maxEntries: 1000 }),
  });
  const activity = (partner: boolean) =>
    subgraph.query(
      `mutation($i: ActivityInput!) { recordActivity(input: $i) { id } }`,
      {
        i: {
          title: 'Outcome test course (test)',
          type: 'TRAINING',
          startDate: '2024-05-06',
          endDate: '2024-05-10',
          beneficiaryCountries: ['GHA'],
          implementerIds: ['unodc'],
          gpcPillar: 'CAPACITY_BUILDING',
          gpcAreas: ['CYBER_INVESTIGATIONS'],
          source: 'test: outcomes',
        },
      },
      partner ? asViewer({ role: 'partner', organizationId: 'unodc' }) : EDITOR,
    );
  activityId = (await activity(false)).data?.['recordActivity'].id;
  pendingId = (await activity(true)).data?.['recordActivity'].id;
});
afterAll(() => subgraph?.close());

describe('assistance: outcomes', () => {
  it('names every problem at once: date before the activity, State not a beneficiary, count on the wrong kind', async () => {
    const { errors } = await subgraph.query(
      RECORD,
      { i: outcome({ occurredOn: '2024-05-01', country: 'TGO', kind: 'POLICY_ADOPTED' }) },
      EDITOR,
    );
    expect(clientErrors({ errors }, { [activityId]: '<activity id>' })).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "BAD_USER_INPUT",
            "invalidFields": [
              {
                "field": "input.count",
                "message": "is for PRACTITIONERS_CERTIFIED and CASES_HANDLED only",
              },
              {
                "field": "input.occurredOn",
                "message": "must not be before its activity started (2024-05-06)",
              },
              {
                "field": "input.country",
                "message": "is not a beneficiary of activity <activity id> (GHA)",
              },
            ],
          },
          "message": "Invalid input. input.count: is for PRACTITIONERS_CERTIFIED and CASES_HANDLED only; input.occurredOn: must not be before its activity started (2024-05-06); input.country: is not a beneficiary of activity <activity id> (GHA)",
          "path": [
            "recordOutcome",
          ],
        },
      ]
    `);
  });

  it('refuses an outcome with no activity or request, or after an unpublished activity', async () => {
    const none = await subgraph.query(RECORD, { i: outcome({ activityId: null }) }, EDITOR);
    expect(clientErrors(none)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "BAD_USER_INPUT",
            "invalidFields": [
              {
                "field": "input.activityId",
                "message": "give the activity or the request it followed",
              },
            ],
          },
          "message": "Invalid input. input.activityId: give the activity or the request it followed",
          "path": [
            "recordOutcome",
          ],
        },
      ]
    `);
    const pending = await subgraph.query(RECORD, { i: outcome({ activityId: pendingId }) }, EDITOR);
    expect(clientErrors(pending, { [pendingId]: '<activity id>' })).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "BAD_USER_INPUT",
            "invalidFields": [
              {
                "field": "input.activityId",
                "message": "no published activity <activity id>",
              },
            ],
          },
          "message": "Invalid input. input.activityId: no published activity <activity id>",
          "path": [
            "recordOutcome",
          ],
        },
      ]
    `);
  });

  it('records a good one, shown on its activity and by key, with the law it refers to', async () => {
    const { data, errors } = await subgraph.query(
      RECORD,
      { i: outcome({ legislationId: 'law-test-only' }) },
      EDITOR,
    );
    expect(errors).toBeUndefined();
    const id = data?.['recordOutcome'].id as string;
    expect(data?.['recordOutcome']).toMatchObject({
      kind: 'PRACTITIONERS_CERTIFIED',
      count: 12,
      legislation: { id: 'law-test-only' },
    });
    const read = await subgraph.query(
      `query($a: String!, $r: [_Any!]!) {
        activity(id: $a) { outcomes { id } }
        _entities(representations: $r) { ... on Outcome { id country { iso3 } activity { id } } }
      }`,
      { a: activityId, r: [{ __typename: 'Outcome', id }] },
    );
    expect(read.errors).toBeUndefined();
    expect(read.data?.['activity'].outcomes).toEqual([{ id }]);
    expect(read.data?.['_entities']).toEqual([
      { id, country: { iso3: 'GHA' }, activity: { id: activityId } },
    ]);
  });
});
