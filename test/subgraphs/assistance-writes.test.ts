import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCache } from '../../loaders/cache.js';
import { assistanceSubgraph } from '../../subgraphs/assistance/index.js';
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

const invalid = (errors: any) => errors?.[0]?.extensions?.['invalidFields'];

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
    expect(hidden.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
  });

  it('refuses a request for another country with FORBIDDEN naming input.country', async () => {
    const { errors } = await subgraph.query(FILE, request({ country: 'TZA' }), kenya);
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'input.country' });
  });

  it('moves a focal point’s request one state at a time; a skip is BAD_USER_INPUT on status', async () => {
    const filed = await subgraph.query(FILE, request(), kenya);
    const id = filed.data?.['fileAssistanceRequest'].id;
    const skip = await subgraph.query(MOVE, { id, status: 'MET', on: '2025-04-01' }, kenya);
    expect(skip.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(invalid(skip.errors)).toEqual([
      {
        field: 'status',
        message: expect.stringContaining('ASSESSED, IN_DELIVERY comes first'),
      },
    ]);
    const early = await subgraph.query(MOVE, { id, status: 'ASSESSED', on: '2025-01-01' }, kenya);
    expect(invalid(early.errors)).toEqual([{ field: 'on', message: expect.any(String) }]);
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
    expect(other.errors?.[0]?.extensions).toEqual({
      code: 'NOT_FOUND',
      type: 'AssistanceRequest',
      key: id,
      field: 'id',
    });
    expect(JSON.stringify(other.errors)).not.toContain('KEN');
    const back = await subgraph.query(MOVE, { id, status: 'RECEIVED', on: '2025-05-01' }, editor);
    expect(invalid(back.errors)?.[0]?.field).toBe('status');
  });

  it('lets an editor skip straight from RECEIVED to MET, and nothing moves after MET', async () => {
    const filed = await subgraph.query(FILE, request({ country: 'UGA' }), editor);
    expect(filed.data?.['fileAssistanceRequest'].reviewStatus).toBe('PUBLISHED');
    const id = filed.data?.['fileAssistanceRequest'].id;
    const met = await subgraph.query(MOVE, { id, status: 'MET', on: '2025-06-01' }, editor);
    expect(met.errors).toBeUndefined();
    expect(met.data?.['moveAssistanceRequest'].status).toBe('MET');
    const after = await subgraph.query(MOVE, { id, status: 'DECLINED', on: '2025-07-01' }, editor);
    expect(invalid(after.errors)?.[0]).toMatchObject({ field: 'status' });
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
    expect(edit.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'id' });
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
    expect(invalid(errors)).toEqual([
      { field: 'input.requestId', message: `"${pending.id}" is not a known request` },
    ]);
  });

  it('names every bad field of a request at once', async () => {
    const { errors } = await subgraph.query(
      FILE,
      request({ country: 'XXX', gpcAreas: [], description: ' ', receivedOn: '2999-01-01' }),
      editor,
    );
    expect(invalid(errors).map((f: any) => f.field)).toEqual([
      'input.country',
      'input.description',
      'input.gpcAreas',
      'input.receivedOn',
    ]);
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
    expect(
      (await subgraph.query(`{ activity(id: "${id}") { id } }`)).errors?.[0]?.extensions?.['code'],
    ).toBe('NOT_FOUND');
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
    expect(errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      field: 'input.implementerIds',
    });
  });

  it('refuses another partner’s update of an activity it does not implement, naming id', async () => {
    const { data } = await subgraph.query(RECORD, activity(), editor);
    const id = data?.['recordActivity'].id;
    const { errors } = await subgraph.query(
      UPDATE,
      { id, ...activity({ implementerIds: ['itu'] }) },
      itu,
    );
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'id' });
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
    expect(errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(invalid(errors).map((f: any) => f.field)).toEqual([
      'input.endDate',
      'input.participants.total',
      'input.participants.byRole',
      'input.beneficiaryCountries[1]',
      'input.implementerIds[1]',
      'input.projectId',
      'input.offenceCategories[0]',
    ]);
  });

  it('refuses an answered request of a country that is not a beneficiary', async () => {
    const { errors } = await subgraph.query(
      RECORD,
      activity({ requestId: 'req-syn-lka-2021' }),
      editor,
    );
    expect(invalid(errors)).toEqual([
      { field: 'input.requestId', message: expect.stringContaining('LKA') },
    ]);
  });

  it('keeps public viewers out of writes (UNAUTHENTICATED) and analysts out (FORBIDDEN)', async () => {
    const anonymous = await subgraph.query(RECORD, activity());
    expect(anonymous.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    const analyst = await subgraph.query(RECORD, activity(), as.analyst);
    expect(analyst.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });

  it('reviews a request only forward, naming an unknown id or a decision back to pending', async () => {
    const back = await subgraph.query(
      `mutation { reviewAssistanceRequest(id: "nope", decision: PENDING_REVIEW) { id } }`,
      undefined,
      editor,
    );
    expect(back.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      invalidFields: [{ field: 'decision' }],
    });
    const missing = await subgraph.query(
      `mutation { reviewAssistanceRequest(id: "nope", decision: PUBLISHED) { id } }`,
      undefined,
      editor,
    );
    expect(missing.errors?.[0]?.extensions).toMatchObject({
      code: 'NOT_FOUND',
      type: 'AssistanceRequest',
      field: 'id',
    });
  });
});
