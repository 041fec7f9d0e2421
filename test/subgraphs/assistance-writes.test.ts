import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCache } from '../../loaders/cache.js';
import { assistanceSubgraph } from '../../subgraphs/assistance/index.js';
import { clientErrors } from '../support/client-errors.js';
import { startTestSubgraph, type TestSubgraph } from '../support/harness.js';
import { as } from '../support/viewer.js';

let subgraph: TestSubgraph;
const cache = new MemoryCache({ maxEntries: 10_000 });
const editor = as.editor;
const kenya = as.focalPoint('KEN');
const uganda = as.focalPoint('UGA');
const interpol = as.partner('interpol');
const itu = as.partner('itu');

beforeAll(async () => {
  subgraph = await startTestSubgraph(assistanceSubgraph, { cache });
  // The audit log is append-only: start each run from a fresh schema instead of deleting rows.
  await sql`drop schema if exists assistance cascade`.execute(subgraph.database.db);
  await subgraph.close();
  subgraph = await startTestSubgraph(assistanceSubgraph, { cache });
});
afterAll(() => subgraph?.close());

const FILE = `mutation($input: AssistanceRequestInput!) { fileAssistanceRequest(input: $input) { id status reviewStatus statusHistory { status on } country { iso3 } } }`;
const MOVE = `mutation($id: String!, $status: RequestStatus!, $on: Date!) { moveAssistanceRequest(id: $id, status: $status, on: $on) { id status statusHistory { status on } } }`;
const RECORD = `mutation($input: ActivityInput!) { recordActivity(input: $input) { id reviewStatus participants { total byRole { role count } } implementers { id } } }`;
const UPDATE = `mutation($id: String!, $input: ActivityInput!) { updateActivity(id: $id, input: $input) { id title reviewStatus } }`;

const request = (overrides: Record<string, unknown> = {}) => ({
  input: {
    country: 'KEN',
    receivedOn: '2025-02-03',
    gpcAreas: ['DIGITAL_EVIDENCE'],
    description: 'Advice on electronic evidence rules (test)',
    ...overrides,
  },
});

const activity = (overrides: Record<string, unknown> = {}) => ({
  input: {
    title: 'Evidence workshop (test)',
    type: 'TRAINING',
    modality: 'IN_PERSON',
    startDate: '2025-03-10',
    endDate: '2025-03-12',
    beneficiaryCountries: ['KEN'],
    implementerIds: ['interpol'],
    projectId: 'syn-gpc-ea',
    gpcPillar: 'CAPACITY_BUILDING',
    gpcAreas: ['DIGITAL_EVIDENCE'],
    offenceCategories: ['BC-2'],
    participants: {
      total: 10,
      female: 4,
      male: 5,
      other: 1,
      byRole: [{ role: 'PROSECUTOR', count: 6 }],
    },
    source: 'test',
    ...overrides,
  },
});

describe('assistance writes: requests', () => {
  it('lets a focal point file for its own country, RECEIVED and pending review, and audits it', async () => {
    const { data, errors } = await subgraph.query(FILE, request(), kenya);
    expect(errors).toBeUndefined();
    expect(data?.['fileAssistanceRequest']).toMatchObject({
      status: 'RECEIVED',
      reviewStatus: 'PENDING_REVIEW',
      statusHistory: [{ status: 'RECEIVED', on: '2025-02-03' }],
      country: { iso3: 'KEN' },
    });
    const id = data?.['fileAssistanceRequest'].id;
    const audit = await subgraph.query(
      `{ assistanceAuditLog(entityType: "AssistanceRequest") { entityId action actorRole } }`,
      undefined,
      editor,
    );
    expect(audit.data?.['assistanceAuditLog']).toContainEqual({
      entityId: id,
      action: 'CREATE',
      actorRole: 'state_focal_point',
    });
    const hidden = await subgraph.query(`{ assistanceRequest(id: "${id}") { id } }`);
    expect(clientErrors(hidden, { [id]: '<id>' })).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "NOT_FOUND",
            "field": "id",
            "key": "<id>",
            "type": "AssistanceRequest",
          },
          "message": "No AssistanceRequest has id "<id>".",
          "path": [
            "assistanceRequest",
          ],
        },
      ]
    `);
  });

  it('refuses a request for another country with FORBIDDEN naming input.country', async () => {
    const { errors } = await subgraph.query(FILE, request({ country: 'TZA' }), kenya);
    expect(clientErrors({ errors })).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "FORBIDDEN",
            "field": "input.country",
          },
          "message": "Forbidden: input.country: a focal point of KEN files requests for KEN only",
          "path": [
            "fileAssistanceRequest",
          ],
        },
      ]
    `);
  });

  it('moves a focal point’s request one state at a time; a skip is BAD_USER_INPUT on status', async () => {
    const filed = await subgraph.query(FILE, request(), kenya);
    const id = filed.data?.['fileAssistanceRequest'].id;
    const skip = await subgraph.query(MOVE, { id, status: 'MET', on: '2025-04-01' }, kenya);
    expect(clientErrors(skip)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "BAD_USER_INPUT",
            "invalidFields": [
              {
                "field": "status",
                "message": "cannot go from RECEIVED straight to MET: ASSESSED, IN_DELIVERY comes first (only editors may skip a state)",
              },
            ],
          },
          "message": "Invalid input. status: cannot go from RECEIVED straight to MET: ASSESSED, IN_DELIVERY comes first (only editors may skip a state)",
          "path": [
            "moveAssistanceRequest",
          ],
        },
      ]
    `);
    const early = await subgraph.query(MOVE, { id, status: 'ASSESSED', on: '2025-01-01' }, kenya);
    expect(clientErrors(early)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "BAD_USER_INPUT",
            "invalidFields": [
              {
                "field": "on",
                "message": "must not be before the last change (RECEIVED on 2025-02-03)",
              },
            ],
          },
          "message": "Invalid input. on: must not be before the last change (RECEIVED on 2025-02-03)",
          "path": [
            "moveAssistanceRequest",
          ],
        },
      ]
    `);
    const next = await subgraph.query(MOVE, { id, status: 'ASSESSED', on: '2025-03-01' }, kenya);
    expect(next.errors).toBeUndefined();
    expect(next.data?.['moveAssistanceRequest'].statusHistory).toEqual([
      { status: 'RECEIVED', on: '2025-02-03' },
      { status: 'ASSESSED', on: '2025-03-01' },
    ]);
    const other = await subgraph.query(
      MOVE,
      { id, status: 'IN_DELIVERY', on: '2025-05-01' },
      uganda,
    );
    // Another State's focal point may not see this unpublished request: NOT_FOUND, naming no State.
    expect(clientErrors(other, { [id]: '<id>' })).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "NOT_FOUND",
            "field": "id",
            "key": "<id>",
            "type": "AssistanceRequest",
          },
          "message": "No AssistanceRequest has id "<id>".",
          "path": [
            "moveAssistanceRequest",
          ],
        },
      ]
    `);
    expect(JSON.stringify(other.errors)).not.toContain('KEN');
    const back = await subgraph.query(MOVE, { id, status: 'RECEIVED', on: '2025-05-01' }, editor);
    expect(clientErrors(back)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "BAD_USER_INPUT",
            "invalidFields": [
              {
                "field": "status",
                "message": "cannot go from ASSESSED back to RECEIVED",
              },
            ],
          },
          "message": "Invalid input. status: cannot go from ASSESSED back to RECEIVED",
          "path": [
            "moveAssistanceRequest",
          ],
        },
      ]
    `);
  });

  it('lets an editor skip straight from RECEIVED to MET, and nothing moves after MET', async () => {
    const filed = await subgraph.query(FILE, request({ country: 'UGA' }), editor);
    expect(filed.data?.['fileAssistanceRequest'].reviewStatus).toBe('PUBLISHED');
    const id = filed.data?.['fileAssistanceRequest'].id;
    const met = await subgraph.query(MOVE, { id, status: 'MET', on: '2025-06-01' }, editor);
    expect(met.errors).toBeUndefined();
    expect(met.data?.['moveAssistanceRequest'].status).toBe('MET');
    const after = await subgraph.query(MOVE, { id, status: 'DECLINED', on: '2025-07-01' }, editor);
    expect(clientErrors(after)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "BAD_USER_INPUT",
            "invalidFields": [
              {
                "field": "status",
                "message": "the request is MET; it cannot change any more",
              },
            ],
          },
          "message": "Invalid input. status: the request is MET; it cannot change any more",
          "path": [
            "moveAssistanceRequest",
          ],
        },
      ]
    `);
  });

  it('lets a focal point change its own request only while it waits for review', async () => {
    const UPDATE_REQUEST = `mutation($id: String!, $d: String!) { updateAssistanceRequest(id: $id, input: { description: $d }) { description reviewStatus } }`;
    const pending = (await subgraph.query(FILE, request(), kenya)).data?.['fileAssistanceRequest'];
    const own = await subgraph.query(
      UPDATE_REQUEST,
      { id: pending.id, d: 'Revised (test)' },
      kenya,
    );
    expect(own.data?.['updateAssistanceRequest']).toEqual({
      description: 'Revised (test)',
      reviewStatus: 'PENDING_REVIEW',
    });
    const published = (await subgraph.query(FILE, request(), editor)).data?.[
      'fileAssistanceRequest'
    ];
    expect(published.reviewStatus).toBe('PUBLISHED');
    const edit = await subgraph.query(
      UPDATE_REQUEST,
      { id: published.id, d: 'Rewritten without review (test)' },
      kenya,
    );
    expect(clientErrors(edit)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "FORBIDDEN",
            "field": "id",
          },
          "message": "Forbidden: id: a published record changes only through an editor’s review",
          "path": [
            "updateAssistanceRequest",
          ],
        },
      ]
    `);
    const seen = await subgraph.query(
      `{ assistanceRequest(id: "${published.id}") { description reviewStatus } }`,
    );
    expect(seen.data?.['assistanceRequest']).toEqual({
      description: 'Advice on electronic evidence rules (test)',
      reviewStatus: 'PUBLISHED',
    });
  });

  it('tells nothing about an unpublished request to a partner that names it', async () => {
    const pending = (await subgraph.query(FILE, request(), kenya)).data?.['fileAssistanceRequest'];
    const { errors } = await subgraph.query(
      RECORD,
      activity({ beneficiaryCountries: ['UGA'], requestId: pending.id }),
      interpol,
    );
    expect(clientErrors({ errors }, { [pending.id]: '<id>' })).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "BAD_USER_INPUT",
            "invalidFields": [
              {
                "field": "input.requestId",
                "message": ""<id>" is not a known request",
              },
            ],
          },
          "message": "Invalid input. input.requestId: "<id>" is not a known request",
          "path": [
            "recordActivity",
          ],
        },
      ]
    `);
  });

  it('names every bad field of a request at once', async () => {
    const { errors } = await subgraph.query(
      FILE,
      request({ country: 'XXX', gpcAreas: [], description: ' ', receivedOn: '2999-01-01' }),
      editor,
    );
    expect(clientErrors({ errors })).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "BAD_USER_INPUT",
            "invalidFields": [
              {
                "field": "input.country",
                "message": ""XXX" is not a known UN Member or observer State",
              },
              {
                "field": "input.description",
                "message": "must not be empty",
              },
              {
                "field": "input.gpcAreas",
                "message": "name at least one area",
              },
              {
                "field": "input.receivedOn",
                "message": "must not be in the future",
              },
            ],
          },
          "message": "Invalid input. input.country: "XXX" is not a known UN Member or observer State; input.description: must not be empty; input.gpcAreas: name at least one area; input.receivedOn: must not be in the future",
          "path": [
            "fileAssistanceRequest",
          ],
        },
      ]
    `);
  });
});

describe('assistance writes: activities', () => {
  it('lets a partner record an activity it implements, pending review, purging the cache', async () => {
    const { data, errors } = await subgraph.query(RECORD, activity(), interpol);
    expect(errors).toBeUndefined();
    expect(data?.['recordActivity']).toMatchObject({
      reviewStatus: 'PENDING_REVIEW',
      participants: { total: 10, byRole: [{ role: 'PROSECUTOR', count: 6 }] },
      implementers: [{ id: 'interpol' }],
    });
    const id = data?.['recordActivity'].id;
    // Visible to its submitter and editors, not to the public, until published.
    expect(clientErrors(await subgraph.query(`{ activity(id: "${id}") { id } }`), { [id]: '<id>' }))
      .toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "NOT_FOUND",
            "field": "id",
            "key": "<id>",
            "type": "TechnicalAssistanceActivity",
          },
          "message": "No TechnicalAssistanceActivity has id "<id>".",
          "path": [
            "activity",
          ],
        },
      ]
    `);
    expect(
      (await subgraph.query(`{ activity(id: "${id}") { id } }`, undefined, interpol)).data?.[
        'activity'
      ].id,
    ).toBe(id);
    const updated = await subgraph.query(
      UPDATE,
      { id, ...activity({ title: 'Evidence workshop, revised (test)' }) },
      interpol,
    );
    expect(updated.data?.['updateActivity'].title).toBe('Evidence workshop, revised (test)');
    const published = await subgraph.query(
      `mutation { reviewActivity(id: "${id}", decision: PUBLISHED) { reviewStatus } }`,
      undefined,
      editor,
    );
    expect(published.data?.['reviewActivity'].reviewStatus).toBe('PUBLISHED');
    expect(
      (await subgraph.query(`{ activity(id: "${id}") { title } }`)).data?.['activity'].title,
    ).toBe('Evidence workshop, revised (test)');
    const archived = await subgraph.query(
      `mutation { reviewActivity(id: "${id}", decision: ARCHIVED) { reviewStatus } }`,
      undefined,
      editor,
    );
    expect(archived.data?.['reviewActivity'].reviewStatus).toBe('ARCHIVED');
    const kept = await subgraph.query(
      `{ activity(id: "${id}") { reviewStatus } }`,
      undefined,
      editor,
    );
    expect(kept.data?.['activity'].reviewStatus).toBe('ARCHIVED');
    const listed = await subgraph.query(
      `{ activities(first: 500, filter: { country: "KEN" }) { edges { node { id } } } }`,
      undefined,
      editor,
    );
    expect(listed.data?.['activities'].edges.map((e: any) => e.node.id)).not.toContain(id);
  });

  it('refuses a partner that is not among the implementers, naming input.implementerIds', async () => {
    const { errors } = await subgraph.query(RECORD, activity(), itu);
    expect(clientErrors({ errors })).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "FORBIDDEN",
            "field": "input.implementerIds",
          },
          "message": "Forbidden: input.implementerIds: a partner records and updates activities its organisation ("itu") implements only",
          "path": [
            "recordActivity",
          ],
        },
      ]
    `);
  });

  it('refuses another partner’s update of an activity it does not implement, naming id', async () => {
    const { data } = await subgraph.query(RECORD, activity(), editor);
    const id = data?.['recordActivity'].id;
    const { errors } = await subgraph.query(
      UPDATE,
      { id, ...activity({ implementerIds: ['itu'] }) },
      itu,
    );
    expect(clientErrors({ errors }, { [id]: '<id>' })).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "FORBIDDEN",
            "field": "id",
          },
          "message": "Forbidden: id: a partner or donor changes records of its own organization only",
          "path": [
            "updateActivity",
          ],
        },
      ]
    `);
  });

  it('lets no partner, co-implementer or submitter, unpublish or take over a published activity', async () => {
    const recorded = await subgraph.query(
      RECORD,
      activity({ implementerIds: ['interpol', 'itu'] }),
      interpol,
    );
    const id = recorded.data?.['recordActivity'].id;
    await subgraph.query(
      `mutation { reviewActivity(id: "${id}", decision: PUBLISHED) { id } }`,
      undefined,
      editor,
    );
    for (const partner of [itu, interpol]) {
      const takeover = await subgraph.query(
        UPDATE,
        { id, ...activity({ title: 'Taken over (test)', implementerIds: ['itu', 'interpol'] }) },
        partner,
      );
      expect(takeover.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'id' });
    }
    const seen = await subgraph.query(`{ activity(id: "${id}") { title reviewStatus } }`);
    expect(seen.data?.['activity']).toEqual({
      title: 'Evidence workshop (test)',
      reviewStatus: 'PUBLISHED',
    });
    // Only an editor changes it; the review state and the submitter stay.
    const edited = await subgraph.query(
      UPDATE,
      { id, ...activity({ title: 'Corrected by an editor (test)' }) },
      editor,
    );
    expect(edited.data?.['updateActivity']).toMatchObject({ reviewStatus: 'PUBLISHED' });
    const own = await subgraph.query(`{ activity(id: "${id}") { title } }`, undefined, interpol);
    expect(own.data?.['activity'].title).toBe('Corrected by an editor (test)');
  });

  it('names every bad field: dates, counts, roles and unknown ids', async () => {
    const { errors } = await subgraph.query(
      RECORD,
      activity({
        startDate: '2025-03-12',
        endDate: '2025-03-10',
        beneficiaryCountries: ['KEN', 'XYZ'],
        implementerIds: ['interpol', 'no-such-org'],
        projectId: 'no-such-project',
        offenceCategories: ['ZZ-1'],
        participants: {
          total: 10,
          female: 4,
          male: 4,
          other: 1,
          byRole: [
            { role: 'JUDGE', count: 8 },
            { role: 'PROSECUTOR', count: 5 },
          ],
        },
      }),
      editor,
    );
    expect(clientErrors({ errors })).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "BAD_USER_INPUT",
            "invalidFields": [
              {
                "field": "input.endDate",
                "message": "ends (2025-03-10) before it starts (2025-03-12)",
              },
              {
                "field": "input.participants.total",
                "message": "female + male + other (9) must equal total (10)",
              },
              {
                "field": "input.participants.byRole",
                "message": "the roles add up to 13, more than total (10)",
              },
              {
                "field": "input.beneficiaryCountries[1]",
                "message": ""XYZ" is not a known UN Member or observer State",
              },
              {
                "field": "input.implementerIds[1]",
                "message": ""no-such-org" is not a known organisation id",
              },
              {
                "field": "input.projectId",
                "message": ""no-such-project" is not a known project id",
              },
              {
                "field": "input.offenceCategories[0]",
                "message": ""ZZ-1" is not a known offence category code",
              },
            ],
          },
          "message": "Invalid input. input.endDate: ends (2025-03-10) before it starts (2025-03-12); input.participants.total: female + male + other (9) must equal total (10); input.participants.byRole: the roles add up to 13, more than total (10); input.beneficiaryCountries[1]: "XYZ" is not a known UN Member or observer State; input.implementerIds[1]: "no-such-org" is not a known organisation id; input.projectId: "no-such-project" is not a known project id; input.offenceCategories[0]: "ZZ-1" is not a known offence category code",
          "path": [
            "recordActivity",
          ],
        },
      ]
    `);
  });

  it('refuses an answered request of a country that is not a beneficiary', async () => {
    const { errors } = await subgraph.query(
      RECORD,
      activity({ requestId: 'req-syn-lka-2021' }),
      editor,
    );
    expect(clientErrors({ errors })).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "BAD_USER_INPUT",
            "invalidFields": [
              {
                "field": "input.requestId",
                "message": "the request is LKA's, which is not a beneficiary country",
              },
            ],
          },
          "message": "Invalid input. input.requestId: the request is LKA's, which is not a beneficiary country",
          "path": [
            "recordActivity",
          ],
        },
      ]
    `);
  });

  it('keeps public viewers out of writes (UNAUTHENTICATED) and analysts out (FORBIDDEN)', async () => {
    const anonymous = await subgraph.query(RECORD, activity());
    expect(clientErrors(anonymous)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "UNAUTHENTICATED",
          },
          "message": "Not authenticated: this field needs a signed-in viewer; send a bearer token.",
          "path": [
            "recordActivity",
          ],
        },
      ]
    `);
    const analyst = await subgraph.query(RECORD, activity(), as.analyst);
    expect(clientErrors(analyst)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "FORBIDDEN",
          },
          "message": "Forbidden: role "analyst" may not do this; it needs one of: editor, partner.",
          "path": [
            "recordActivity",
          ],
        },
      ]
    `);
  });

  it('reviews a request only forward, naming an unknown id or a decision back to pending', async () => {
    const back = await subgraph.query(
      `mutation { reviewAssistanceRequest(id: "nope", decision: PENDING_REVIEW) { id } }`,
      undefined,
      editor,
    );
    expect(clientErrors(back)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "BAD_USER_INPUT",
            "invalidFields": [
              {
                "field": "decision",
                "message": "use PUBLISHED, REJECTED or ARCHIVED",
              },
            ],
          },
          "message": "Invalid input. decision: use PUBLISHED, REJECTED or ARCHIVED",
          "path": [
            "reviewAssistanceRequest",
          ],
        },
      ]
    `);
    const missing = await subgraph.query(
      `mutation { reviewAssistanceRequest(id: "nope", decision: PUBLISHED) { id } }`,
      undefined,
      editor,
    );
    expect(clientErrors(missing)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "NOT_FOUND",
            "field": "id",
            "key": "nope",
            "type": "AssistanceRequest",
          },
          "message": "No AssistanceRequest has id "nope".",
          "path": [
            "reviewAssistanceRequest",
          ],
        },
      ]
    `);
  });
});
