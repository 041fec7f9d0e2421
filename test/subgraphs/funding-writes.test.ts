import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCache } from '../../loaders/cache.js';
import { fundingSubgraph } from '../../subgraphs/funding/index.js';
import { clientErrors } from '../support/client-errors.js';
import { startTestSubgraph, type TestSubgraph } from '../support/harness.js';
import { as } from '../support/viewer.js';

let subgraph: TestSubgraph;
const cache = new MemoryCache({ maxEntries: 10_000 });
const editor = as.editor;
const norway = as.donor('gov-nor');

beforeAll(async () => {
  subgraph = await startTestSubgraph(fundingSubgraph, { cache });
  // The audit log is append-only: start each run from a fresh schema instead of deleting rows.
  await sql`drop schema if exists funding cascade`.execute(subgraph.database.db);
  await subgraph.close();
  subgraph = await startTestSubgraph(fundingSubgraph, { cache });
  const { errors } = await subgraph.query(CREATE_PROJECT, { input: PROJECT }, editor);
  expect(errors).toBeUndefined();
});
afterAll(() => subgraph?.close());

const CREATE_PROJECT = `mutation($input: ProjectInput!) { createProject(input: $input) { id recipientCountries { country { iso3 } percentage } participatingOrgs { organization { id } role } } }`;
const PROJECT = {
  id: 'test-writes',
  title: 'Write tests (synthetic)',
  status: 'IMPLEMENTATION',
  plannedStart: '2020-01-01',
  plannedEnd: '2020-12-31',
  participatingOrgs: [
    { organizationId: 'gov-nor', role: 'FUNDING' },
    { organizationId: 'unodc', role: 'IMPLEMENTING' },
  ],
  recipientCountries: [
    { iso3: 'PAK', percentage: '70' },
    { iso3: 'LKA', percentage: '30' },
  ],
  gpcPillars: ['CAPACITY_BUILDING'],
  gpcAreas: [],
  sectors: ['15130'],
  source: 'test',
};
const RECORD = `mutation($input: TransactionInput!) { recordTransaction(input: $input) { id reviewStatus value { amount currency conversion { amountUsd } } } }`;
const tx = (overrides: Record<string, unknown> = {}) => ({
  input: {
    projectId: 'test-writes',
    type: 'INCOMING_FUNDS',
    date: '2020-03-02',
    amount: '0.1',
    currency: 'USD',
    providerOrgId: 'gov-nor',
    receiverOrgId: 'unodc',
    ...overrides,
  },
});
const SUMMARY = `{ fundingSummary(groupBy: [DONOR], projectId: "test-writes") { groups { donor { id } received { amountUsd transactionCount original { amount currency } } } } }`;

describe('funding writes: exact money', () => {
  it('sums 0.1 + 0.2 of a currency to exactly 0.3, in the currency and in USD', async () => {
    const first = await subgraph.query(RECORD, tx({ amount: '0.1' }), editor);
    const second = await subgraph.query(RECORD, tx({ amount: '0.2' }), editor);
    expect(first.errors).toBeUndefined();
    expect(second.data?.['recordTransaction']).toMatchObject({
      reviewStatus: 'PUBLISHED',
      value: { amount: '0.2', currency: 'USD', conversion: { amountUsd: '0.20' } },
    });
    const { data } = await subgraph.query(SUMMARY);
    expect(data?.['fundingSummary'].groups).toEqual([
      {
        donor: { id: 'gov-nor' },
        received: {
          amountUsd: '0.30',
          transactionCount: 2,
          original: [{ amount: '0.3', currency: 'USD' }],
        },
      },
    ]);
  });
});

describe('funding writes: donors, review and audit', () => {
  it('lets a donor submit its own organisation’s transaction for review, hidden until an editor publishes it', async () => {
    const submitted = await subgraph.query(
      RECORD,
      tx({ amount: '1000000', currency: 'NOK', date: '2020-05-14' }),
      norway,
    );
    expect(submitted.errors).toBeUndefined();
    const { id, reviewStatus } = submitted.data?.['recordTransaction'];
    expect(reviewStatus).toBe('PENDING_REVIEW');
    const hidden = await subgraph.query(`query($id: ID!) { transaction(id: $id) { id } }`, { id });
    expect(clientErrors(hidden, { [id]: '<id>' })).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "NOT_FOUND",
            "field": "id",
            "key": "<id>",
            "type": "Transaction",
          },
          "message": "No Transaction has id "<id>".",
          "path": [
            "transaction",
          ],
        },
      ]
    `);
    const ownView = await subgraph.query(
      `query($id: ID!) { transaction(id: $id) { id } }`,
      { id },
      norway,
    );
    expect(ownView.data).toEqual({ transaction: { id } });
    const before = await subgraph.query(SUMMARY);
    expect(before.data?.['fundingSummary'].groups[0].received.transactionCount).toBe(2);

    const published = await subgraph.query(
      `mutation($id: ID!) { publishTransaction(id: $id) { reviewStatus } }`,
      { id },
      editor,
    );
    expect(published.data).toEqual({ publishTransaction: { reviewStatus: 'PUBLISHED' } });
    // The donor's read cached the PENDING_REVIEW entity; the publish purged it, so the public sees it now.
    const visible = await subgraph.query(
      `query($id: ID!) { transaction(id: $id) { reviewStatus } }`,
      { id },
    );
    expect(visible.data).toEqual({ transaction: { reviewStatus: 'PUBLISHED' } });
    const after = await subgraph.query(SUMMARY);
    expect(after.data?.['fundingSummary'].groups[0].received).toMatchObject({
      transactionCount: 3,
      original: [
        { amount: '1000000', currency: 'NOK' },
        { amount: '0.3', currency: 'USD' },
      ],
    });
    const audit = await subgraph.query(
      `query($id: String) { fundingAuditLog(entityId: $id) { action actorRole actorOrganizationId } }`,
      { id },
      editor,
    );
    expect(audit.data?.['fundingAuditLog']).toEqual([
      { action: 'PUBLISH', actorRole: 'editor', actorOrganizationId: null },
      { action: 'SUBMIT', actorRole: 'donor', actorOrganizationId: 'gov-nor' },
    ]);
  });

  it('archives instead of deleting, and the archived transaction leaves the totals', async () => {
    const recorded = await subgraph.query(RECORD, tx({ amount: '5' }), editor);
    const id = recorded.data?.['recordTransaction'].id;
    const archived = await subgraph.query(
      `mutation($id: ID!) { archiveTransaction(id: $id) { reviewStatus } }`,
      { id },
      editor,
    );
    expect(archived.data).toEqual({ archiveTransaction: { reviewStatus: 'ARCHIVED' } });
    const { data } = await subgraph.query(SUMMARY);
    expect(data?.['fundingSummary'].groups[0].received.transactionCount).toBe(3);
    const stored = await sql<{
      n: number;
    }>`select count(*)::int as n from funding.funding_transaction where id = ${id}`.execute(
      subgraph.database.db,
    );
    expect(stored.rows[0]?.n).toBe(1);
  });

  it('refuses donors writing for another organisation, and other roles', async () => {
    const other = await subgraph.query(RECORD, tx({ providerOrgId: 'gov-usa' }), norway);
    expect(clientErrors(other)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "FORBIDDEN",
          },
          "message": "Forbidden: a donor records transactions of its own organisation only: set input.providerOrgId to it.",
          "path": [
            "recordTransaction",
          ],
        },
      ]
    `);
    const analyst = await subgraph.query(RECORD, tx(), as.analyst);
    expect(clientErrors(analyst)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "FORBIDDEN",
          },
          "message": "Forbidden: role "analyst" may not do this; it needs one of: editor, donor.",
          "path": [
            "recordTransaction",
          ],
        },
      ]
    `);
    const anonymous = await subgraph.query(RECORD, tx());
    expect(clientErrors(anonymous)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "UNAUTHENTICATED",
          },
          "message": "Not authenticated: this field needs a signed-in viewer; send a bearer token.",
          "path": [
            "recordTransaction",
          ],
        },
      ]
    `);
    const publish = await subgraph.query(
      `mutation { publishTransaction(id: "gpc-nor-2018") { id } }`,
      undefined,
      norway,
    );
    expect(clientErrors(publish)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "FORBIDDEN",
          },
          "message": "Forbidden: role "donor" may not do this; it needs one of: editor.",
          "path": [
            "publishTransaction",
          ],
        },
      ]
    `);
  });
});

describe('funding writes: bad input', () => {
  const count = async () =>
    (
      await sql<{
        n: number;
      }>`select (select count(*) from funding.funding_transaction)::int + (select count(*) from funding.audit_log)::int as n`.execute(
        subgraph.database.db,
      )
    ).rows[0]?.n;

  it('names every invalid field at once and writes nothing', async () => {
    const before = await count();
    const { errors } = await subgraph.query(
      RECORD,
      tx({ amount: '-5', currency: 'XYZ', date: '2021-02-01', providerOrgId: 'gov-usa' }),
      editor,
    );
    expect(clientErrors({ errors })).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "BAD_USER_INPUT",
            "invalidFields": [
              {
                "field": "input.amount",
                "message": "must not be negative; got "-5"",
              },
              {
                "field": "input.currency",
                "message": ""XYZ" is not an ISO 4217 currency code (such as "USD", "NOK", "EUR")",
              },
              {
                "field": "input.date",
                "message": "2021-02-01 is after the project ends (2020-12-31)",
              },
              {
                "field": "input.providerOrgId",
                "message": ""gov-usa" is not a participating organisation of project "test-writes"",
              },
            ],
          },
          "message": "Invalid input. input.amount: must not be negative; got "-5"; input.currency: "XYZ" is not an ISO 4217 currency code (such as "USD", "NOK", "EUR"); input.date: 2021-02-01 is after the project ends (2020-12-31); input.providerOrgId: "gov-usa" is not a participating organisation of project "test-writes"",
          "path": [
            "recordTransaction",
          ],
        },
      ]
    `);
    expect(await count()).toBe(before);
  });

  it('rejects a non-numeric amount as BAD_USER_INPUT naming the field', async () => {
    const { errors } = await subgraph.query(RECORD, tx({ amount: '12,5' }), editor);
    expect(clientErrors({ errors })).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "BAD_USER_INPUT",
          },
          "message": "Variable "$input" got invalid value "12,5" at "input.amount"; Decimal must be a decimal number written as a string, such as "1250.50"; got "12,5".",
        },
      ]
    `);
  });

  it('rejects recipient percentages that do not sum to 100, and unknown organisations', async () => {
    const { errors } = await subgraph.query(
      CREATE_PROJECT,
      {
        input: {
          ...PROJECT,
          id: 'test-bad-split',
          recipientCountries: [
            { iso3: 'PAK', percentage: '60' },
            { iso3: 'LKA', percentage: '30' },
          ],
          participatingOrgs: [{ organizationId: 'no-such-org', role: 'FUNDING' }],
        },
      },
      editor,
    );
    expect(clientErrors({ errors })).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "BAD_USER_INPUT",
            "invalidFields": [
              {
                "field": "input.recipientCountries.percentage",
                "message": "must sum to 100; they sum to 90.00",
              },
              {
                "field": "input.participatingOrgs[0].organizationId",
                "message": ""no-such-org" is not a known organisation id",
              },
            ],
          },
          "message": "Invalid input. input.recipientCountries.percentage: must sum to 100; they sum to 90.00; input.participatingOrgs[0].organizationId: "no-such-org" is not a known organisation id",
          "path": [
            "createProject",
          ],
        },
      ]
    `);
    const missing = await subgraph.query(`{ project(id: "test-bad-split") { id } }`);
    expect(clientErrors(missing)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "NOT_FOUND",
            "field": "id",
            "key": "test-bad-split",
            "type": "Project",
          },
          "message": "No Project has id "test-bad-split".",
          "path": [
            "project",
          ],
        },
      ]
    `);
  });

  it('returns NOT_FOUND naming an unknown project, and BAD_USER_INPUT for a duplicate id', async () => {
    const unknown = await subgraph.query(RECORD, tx({ projectId: 'nope' }), editor);
    expect(clientErrors(unknown)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "NOT_FOUND",
            "field": "input.projectId",
            "key": "nope",
            "type": "Project",
          },
          "message": "No Project has input.projectId "nope".",
          "path": [
            "recordTransaction",
          ],
        },
      ]
    `);
    const duplicate = await subgraph.query(CREATE_PROJECT, { input: PROJECT }, editor);
    expect(clientErrors(duplicate)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "BAD_USER_INPUT",
            "invalidFields": [
              {
                "field": "input.id",
                "message": "a record with this value already exists",
              },
            ],
          },
          "message": "Invalid input. input.id: a record with this value already exists",
          "path": [
            "createProject",
          ],
        },
      ]
    `);
  });
});

describe('funding writes: projects change and archive', () => {
  const UPDATE = `mutation($id: ID!, $input: UpdateProjectInput!) {
    updateProject(id: $id, input: $input) { id title description status plannedStart plannedEnd gpcAreas }
  }`;
  const second = { ...PROJECT, id: 'test-project-edit', title: 'Editable (synthetic)' };

  it('changes the fields given, clears a description given null, and audits before and after', async () => {
    await subgraph.query(CREATE_PROJECT, { input: { ...second, description: 'Old text' } }, editor);
    const { data, errors } = await subgraph.query(
      UPDATE,
      {
        id: second.id,
        input: { title: 'Edited (synthetic)', description: null, gpcAreas: ['DIGITAL_EVIDENCE'] },
      },
      editor,
    );
    expect(errors).toBeUndefined();
    expect(data?.['updateProject']).toEqual({
      id: second.id,
      title: 'Edited (synthetic)',
      description: null,
      status: 'IMPLEMENTATION',
      plannedStart: '2020-01-01',
      plannedEnd: '2020-12-31',
      gpcAreas: ['DIGITAL_EVIDENCE'],
    });
    const audit = await subgraph.query(
      `{ fundingAuditLog(entityId: "${second.id}", first: 1) { action before after } }`,
      undefined,
      editor,
    );
    const entry = audit.data?.['fundingAuditLog'][0];
    expect(entry.action).toBe('UPDATE');
    expect(JSON.parse(entry.before)).toMatchObject({
      title: 'Editable (synthetic)',
      description: 'Old text',
    });
    expect(JSON.parse(entry.after)).toMatchObject({
      title: 'Edited (synthetic)',
      description: null,
    });
  });

  it('checks a changed date against the stored one, and names what cannot be cleared', async () => {
    const crossed = await subgraph.query(
      UPDATE,
      { id: second.id, input: { plannedEnd: '2019-06-30' } },
      editor,
    );
    expect(clientErrors(crossed)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "BAD_USER_INPUT",
            "invalidFields": [
              {
                "field": "input.plannedEnd",
                "message": "must not be before plannedStart",
              },
            ],
          },
          "message": "Invalid input. input.plannedEnd: must not be before plannedStart",
          "path": [
            "updateProject",
          ],
        },
      ]
    `);
    const cleared = await subgraph.query(
      UPDATE,
      { id: second.id, input: { title: ' ', status: null, sectors: ['1513'] } },
      editor,
    );
    expect(clientErrors(cleared)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "BAD_USER_INPUT",
            "invalidFields": [
              {
                "field": "input.title",
                "message": "must not be empty",
              },
              {
                "field": "input.status",
                "message": "cannot be cleared",
              },
              {
                "field": "input.sectors[0]",
                "message": ""1513" is not a five-digit DAC purpose code",
              },
            ],
          },
          "message": "Invalid input. input.title: must not be empty; input.status: cannot be cleared; input.sectors[0]: "1513" is not a five-digit DAC purpose code",
          "path": [
            "updateProject",
          ],
        },
      ]
    `);
    const donor = await subgraph.query(UPDATE, { id: second.id, input: { title: 'x' } }, norway);
    expect(clientErrors(donor)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "FORBIDDEN",
          },
          "message": "Forbidden: role "donor" may not do this; it needs one of: editor.",
          "path": [
            "updateProject",
          ],
        },
      ]
    `);
  });

  it('archives a project: kept and readable, out of lists and totals, and no longer editable', async () => {
    const total = async () =>
      (
        await subgraph.query(
          `{ fundingSummary(groupBy: [DONOR], projectId: "${second.id}") { groups { received { transactionCount } } } }`,
        )
      ).data?.['fundingSummary'].groups;
    const recorded = await subgraph.query(
      RECORD,
      tx({ projectId: second.id, amount: '1000', date: '2020-05-04' }),
      editor,
    );
    expect(recorded.errors).toBeUndefined();
    expect(await total()).toEqual([{ received: { transactionCount: 1 } }]);
    const archived = await subgraph.query(
      `mutation { archiveProject(id: "${second.id}") { id reviewStatus } }`,
      undefined,
      editor,
    );
    expect(archived.errors).toBeUndefined();
    expect(archived.data?.['archiveProject']).toEqual({ id: second.id, reviewStatus: 'ARCHIVED' });
    const listed = await subgraph.query(`{ projects(first: 500) { edges { node { id } } } }`);
    expect(
      listed.data?.['projects'].edges.map((e: { node: { id: string } }) => e.node.id),
    ).not.toContain(second.id);
    expect(await total()).toEqual([]);
    const edit = await subgraph.query(UPDATE, { id: second.id, input: { title: 'Late' } }, editor);
    expect(clientErrors(edit)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "NOT_FOUND",
            "field": "id",
            "key": "test-project-edit",
            "type": "Project",
          },
          "message": "No Project has id "test-project-edit".",
          "path": [
            "updateProject",
          ],
        },
      ]
    `);
  });
});
