import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCache } from '../../loaders/cache.js';
import { clientErrors } from '../support/client-errors.js';
import type { TestSubgraph } from '../support/harness.js';
import {
  CREATE_LEGISLATION,
  CREATE_PROVISION,
  LAWS_TEST_SOURCE,
  newLaw,
  startLawsSubgraph,
} from '../support/laws.js';
import { as } from '../support/viewer.js';

// Writes to the laws subgraph: who may write what, the review from submission to publication,
// and the errors that name each invalid field.

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await startLawsSubgraph({ cache: new MemoryCache({ maxEntries: 10_000 }) });
});
afterAll(() => subgraph?.close());

describe('laws: writes and review', () => {
  it('returns search snippets as HTML-safe text: stored markup escaped, then matches marked', async () => {
    const created = await subgraph.query(
      CREATE_LEGISLATION,
      {
        input: {
          ...newLaw('TUV'),
          title: `Test-only <img src=x onerror=alert(1)> "snippetprobe" & law (not a real law)`,
        },
      },
      as.editor,
    );
    expect(created.errors).toBeUndefined();
    const { data, errors } = await subgraph.query(
      `{ searchLegislation(text: "snippetprobe") { edges { node { snippet } } } }`,
    );
    expect(errors).toBeUndefined();
    const [hit] = data?.['searchLegislation'].edges ?? [];
    expect(hit.node.snippet).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(hit.node.snippet).toContain('&quot;<mark>snippetprobe</mark>&quot; &amp; law');
    expect(hit.node.snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>"]/);
  });

  it('keeps a focal point’s submission from the public until an editor publishes it, with both steps audited', async () => {
    const created = await subgraph.query(
      CREATE_LEGISLATION,
      { input: newLaw('GBR') },
      as.focalPoint('GBR'),
    );
    expect(created.errors).toBeUndefined();
    const law = created.data?.['createLegislation'];
    expect(law).toMatchObject({ countryIso3: 'GBR', reviewStatus: 'PENDING_REVIEW' });
    const provision = await subgraph.query(
      CREATE_PROVISION,
      {
        input: {
          legislationId: law.id,
          label: 'art. 1',
          summary: 'Test-only provision: production order for stored data.',
          source: LAWS_TEST_SOURCE,
          proceduralPowers: ['PRODUCTION_ORDER'],
          offenceCategories: ['BC-3'],
        },
      },
      as.focalPoint('GBR'),
    );
    expect(provision.errors).toBeUndefined();
    expect(provision.data?.['createProvision']).toMatchObject({ reviewStatus: 'PENDING_REVIEW' });

    const VIEW = `query($r: [_Any!]!, $id: ID!) {
      _entities(representations: $r) { ... on Country {
        legislation { id } provisions { id }
        legalCoverage(scheme: BUDAPEST) { proceduralPowersCovered }
      } }
      searchProvisions(text: "test-only production order") { totalCount }
      byId: _entities(representations: [{ __typename: "Legislation", id: $id }]) { ... on Legislation { id } }
    }`;
    const variables = { r: [{ __typename: 'Country', iso3: 'GBR' }], id: law.id };
    const hidden = await subgraph.query(VIEW, variables, as.public);
    expect(hidden.errors).toBeUndefined();
    expect(hidden.data?.['_entities'][0].legislation.map((l: { id: string }) => l.id)).toEqual([
      'GBR-CMA-1990',
    ]);
    expect(hidden.data?.['_entities'][0].legalCoverage.proceduralPowersCovered).toBe(0);
    expect(hidden.data?.['searchProvisions'].totalCount).toBe(0);
    expect(hidden.data?.['byId']).toEqual([null]);
    const direct = await subgraph.query(`{ legislation(id: "${law.id}") { id } }`, {}, as.public);
    expect(clientErrors(direct, { [law.id]: '<law id>' })).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "NOT_FOUND",
            "field": "id",
            "key": "<law id>",
            "type": "Legislation",
          },
          "message": "No Legislation has id "<law id>".",
          "path": [
            "legislation",
          ],
        },
      ]
    `);

    const own = await subgraph.query(VIEW, variables, as.focalPoint('GBR'));
    expect(own.data?.['_entities'][0].legislation).toHaveLength(2);
    const other = await subgraph.query(VIEW, variables, as.focalPoint('KEN'));
    expect(other.data?.['_entities'][0].legislation).toHaveLength(1);

    const refused = await subgraph.query(
      `mutation($id: ID!) { publishLegislation(id: $id) { id } }`,
      { id: law.id },
      as.focalPoint('GBR'),
    );
    expect(clientErrors(refused, { [law.id]: '<law id>' })).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "FORBIDDEN",
          },
          "message": "Forbidden: role "state_focal_point" may not do this; it needs one of: editor.",
          "path": [
            "publishLegislation",
          ],
        },
      ]
    `);

    const published = await subgraph.query(
      `mutation($id: ID!) { publishLegislation(id: $id) { id reviewStatus provisions { reviewStatus } } }`,
      { id: law.id },
      as.editor,
    );
    expect(published.errors).toBeUndefined();
    expect(published.data?.['publishLegislation']).toEqual({
      id: law.id,
      reviewStatus: 'PUBLISHED',
      provisions: [{ reviewStatus: 'PUBLISHED' }],
    });

    const visible = await subgraph.query(VIEW, variables, as.public);
    expect(visible.data?.['_entities'][0].legislation).toHaveLength(2);
    expect(visible.data?.['_entities'][0].legalCoverage.proceduralPowersCovered).toBe(1);
    expect(visible.data?.['searchProvisions'].totalCount).toBe(1);
    expect(visible.data?.['byId']).toEqual([{ id: law.id }]);

    const audit = await subgraph.query(
      `query($id: String!) { lawsAuditLog(entityId: $id) { action actorRole actorCountryIso3 entityType before after } }`,
      { id: law.id },
      as.editor,
    );
    expect(audit.errors).toBeUndefined();
    const entries = audit.data?.['lawsAuditLog'] as Record<string, any>[];
    expect(entries.map((e) => [e['action'], e['actorRole'], e['actorCountryIso3']])).toEqual([
      ['PUBLISH', 'editor', null],
      ['SUBMIT', 'state_focal_point', 'GBR'],
    ]);
    expect(JSON.parse(entries[0]?.['before']).reviewStatus).toBe('PENDING_REVIEW');
    expect(JSON.parse(entries[0]?.['after']).reviewStatus).toBe('PUBLISHED');
    const publicAudit = await subgraph.query(`{ lawsAuditLog { id } }`, {}, as.public);
    expect(clientErrors(publicAudit)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "UNAUTHENTICATED",
          },
          "message": "Not authenticated: this field needs a signed-in viewer; send a bearer token.",
          "path": [
            "lawsAuditLog",
          ],
        },
      ]
    `);

    // Withdrawn again, so the test-only law does not show in later answers.
    const archived = await subgraph.query(
      `mutation($id: ID!) { archiveLegislation(id: $id) { reviewStatus } }`,
      { id: law.id },
      as.editor,
    );
    expect(archived.data?.['archiveLegislation']).toEqual({ reviewStatus: 'ARCHIVED' });
  });

  it('publishes a provision a focal point adds to an already published law of its country', async () => {
    const added = await subgraph.query(
      CREATE_PROVISION,
      {
        input: {
          legislationId: 'GBR-CMA-1990',
          label: 's. 99 (test only)',
          summary: 'Test-only provision added by a focal point.',
          source: LAWS_TEST_SOURCE,
          offenceCategories: ['BC-3'],
        },
      },
      as.focalPoint('GBR'),
    );
    expect(added.errors).toBeUndefined();
    const id = added.data?.['createProvision'].id as string;
    const LABELS = `{ legislation(id: "GBR-CMA-1990") { provisions { id } } }`;
    const hidden = await subgraph.query(LABELS, {}, as.public);
    expect(hidden.data?.['legislation'].provisions).not.toContainEqual({ id });
    const published = await subgraph.query(
      `mutation { publishLegislation(id: "GBR-CMA-1990") { reviewStatus } }`,
      {},
      as.editor,
    );
    expect(published.errors).toBeUndefined();
    const visible = await subgraph.query(LABELS, {}, as.public);
    expect(visible.data?.['legislation'].provisions).toContainEqual({ id });
    const again = await subgraph.query(
      `mutation { publishLegislation(id: "GBR-CMA-1990") { reviewStatus } }`,
      {},
      as.editor,
    );
    expect(clientErrors(again)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "BAD_USER_INPUT",
            "invalidFields": [
              {
                "field": "id",
                "message": "is already PUBLISHED and has no provisions awaiting review",
              },
            ],
          },
          "message": "Invalid input. id: is already PUBLISHED and has no provisions awaiting review",
          "path": [
            "publishLegislation",
          ],
        },
      ]
    `);
    const archived = await subgraph.query(
      `mutation($id: ID!) { archiveProvision(id: $id) { reviewStatus } }`,
      { id },
      as.editor,
    );
    expect(archived.data?.['archiveProvision']).toEqual({ reviewStatus: 'ARCHIVED' });
  });

  it('keeps a rejected submission from the public and shows it to its focal point', async () => {
    const created = await subgraph.query(
      CREATE_LEGISLATION,
      { input: newLaw('GBR') },
      as.focalPoint('GBR'),
    );
    const id = created.data?.['createLegislation'].id as string;
    const rejected = await subgraph.query(
      `mutation($id: ID!) { rejectLegislation(id: $id) { reviewStatus } }`,
      { id },
      as.editor,
    );
    expect(rejected.errors).toBeUndefined();
    expect(rejected.data?.['rejectLegislation']).toEqual({ reviewStatus: 'REJECTED' });
    const QUERY = `{ legislation(id: "${id}") { reviewStatus } }`;
    expect((await subgraph.query(QUERY, {}, as.public)).errors?.[0]?.extensions?.['code']).toBe(
      'NOT_FOUND',
    );
    expect((await subgraph.query(QUERY, {}, as.focalPoint('GBR'))).data).toEqual({
      legislation: { reviewStatus: 'REJECTED' },
    });
    const archived = await subgraph.query(
      `mutation($id: ID!) { archiveLegislation(id: $id) { reviewStatus } }`,
      { id },
      as.editor,
    );
    expect(archived.errors).toBeUndefined();
  });

  it('repeals and archives instead of deleting', async () => {
    const created = await subgraph.query(CREATE_LEGISLATION, { input: newLaw('FRA') }, as.editor);
    const id = created.data?.['createLegislation'].id;
    expect(created.data?.['createLegislation'].reviewStatus).toBe('PUBLISHED');
    const repealed = await subgraph.query(
      `mutation($id: ID!) { updateLegislation(id: $id, input: { status: REPEALED }) { status } }`,
      { id },
      as.editor,
    );
    expect(repealed.data?.['updateLegislation']).toEqual({ status: 'REPEALED' });
    const provision = await subgraph.query(
      CREATE_PROVISION,
      {
        input: {
          legislationId: id,
          label: 's. 1',
          summary: 'Test-only.',
          source: LAWS_TEST_SOURCE,
        },
      },
      as.editor,
    );
    const provisionId = provision.data?.['createProvision'].id as string;
    const PROVISION = `{ provision(id: "${provisionId}") { id } }`;
    expect((await subgraph.query(PROVISION, {}, as.public)).data).toEqual({
      provision: { id: provisionId },
    });
    const archived = await subgraph.query(
      `mutation($id: ID!) { archiveLegislation(id: $id) { reviewStatus } }`,
      { id },
      as.editor,
    );
    expect(archived.data?.['archiveLegislation']).toEqual({ reviewStatus: 'ARCHIVED' });
    const audit = await subgraph.query(
      `query($id: String!) { lawsAuditLog(entityId: $id) { action } }`,
      { id },
      as.editor,
    );
    expect(audit.data?.['lawsAuditLog']).toEqual([
      { action: 'ARCHIVE' },
      { action: 'REPEAL' },
      { action: 'CREATE' },
    ]);
    const stillThere = await subgraph.query(`{ legislation(id: "${id}") { id } }`, {}, as.editor);
    expect(stillThere.data?.['legislation']).toEqual({ id });
    const hidden = await subgraph.query(`{ legislation(id: "${id}") { id } }`, {}, as.public);
    expect(clientErrors(hidden, { [id]: '<law id>' })).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "NOT_FOUND",
            "field": "id",
            "key": "<law id>",
            "type": "Legislation",
          },
          "message": "No Legislation has id "<law id>".",
          "path": [
            "legislation",
          ],
        },
      ]
    `);
    const hiddenProvision = await subgraph.query(PROVISION, {}, as.public);
    expect(clientErrors(hiddenProvision, { [provisionId]: '<provision id>' }))
      .toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "NOT_FOUND",
            "field": "id",
            "key": "<provision id>",
            "type": "LegalProvision",
          },
          "message": "No LegalProvision has id "<provision id>".",
          "path": [
            "provision",
          ],
        },
      ]
    `);
  });

  it('holds back a provision an editor adds to an unpublished law until the law is published', async () => {
    const created = await subgraph.query(
      CREATE_LEGISLATION,
      { input: newLaw('GBR') },
      as.focalPoint('GBR'),
    );
    const id = created.data?.['createLegislation'].id as string;
    const provision = await subgraph.query(
      CREATE_PROVISION,
      {
        input: {
          legislationId: id,
          label: 's. 1',
          summary: 'Test-only.',
          source: LAWS_TEST_SOURCE,
        },
      },
      as.editor,
    );
    expect(provision.data?.['createProvision'].reviewStatus).toBe('PENDING_REVIEW');
    const provisionId = provision.data?.['createProvision'].id as string;
    const hidden = await subgraph.query(
      `{ provision(id: "${provisionId}") { id } }`,
      {},
      as.public,
    );
    expect(clientErrors(hidden, { [provisionId]: '<provision id>' })).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "NOT_FOUND",
            "field": "id",
            "key": "<provision id>",
            "type": "LegalProvision",
          },
          "message": "No LegalProvision has id "<provision id>".",
          "path": [
            "provision",
          ],
        },
      ]
    `);
    const archived = await subgraph.query(
      `mutation($id: ID!) { archiveLegislation(id: $id) { reviewStatus } }`,
      { id },
      as.editor,
    );
    expect(archived.errors).toBeUndefined();
  });

  it('refuses writes outside the viewer’s scope with FORBIDDEN naming the field', async () => {
    const other = await subgraph.query(
      CREATE_LEGISLATION,
      { input: newLaw('FRA') },
      as.focalPoint('GBR'),
    );
    expect(clientErrors(other)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "FORBIDDEN",
            "field": "input.countryIso3",
          },
          "message": "Forbidden: input.countryIso3: a focal point for GBR may submit laws of that country only",
          "path": [
            "createLegislation",
          ],
        },
      ]
    `);
    const provision = await subgraph.query(
      CREATE_PROVISION,
      {
        input: {
          legislationId: 'ZAF-ACT19-2020',
          label: 's. 99',
          summary: 'x',
          source: LAWS_TEST_SOURCE,
        },
      },
      as.focalPoint('GBR'),
    );
    expect(clientErrors(provision)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "FORBIDDEN",
            "field": "input.legislationId",
          },
          "message": "Forbidden: input.legislationId: a focal point adds provisions to laws of its own State only",
          "path": [
            "createProvision",
          ],
        },
      ]
    `);
    const published = await subgraph.query(
      `mutation { updateLegislation(id: "GBR-CMA-1990", input: { title: "x" }) { id } }`,
      {},
      as.focalPoint('GBR'),
    );
    expect(clientErrors(published)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "FORBIDDEN",
            "field": "id",
          },
          "message": "Forbidden: id: a published record changes only through an editor’s review",
          "path": [
            "updateLegislation",
          ],
        },
      ]
    `);
    const anonymous = await subgraph.query(CREATE_LEGISLATION, { input: newLaw('GBR') }, as.public);
    expect(clientErrors(anonymous)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "UNAUTHENTICATED",
          },
          "message": "Not authenticated: this field needs a signed-in viewer; send a bearer token.",
          "path": [
            "createLegislation",
          ],
        },
      ]
    `);
    const analyst = await subgraph.query(CREATE_LEGISLATION, { input: newLaw('GBR') }, as.analyst);
    expect(clientErrors(analyst)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "FORBIDDEN",
          },
          "message": "Forbidden: role "analyst" may not do this; it needs one of: editor, state_focal_point.",
          "path": [
            "createLegislation",
          ],
        },
      ]
    `);
  });

  it('names invalid write input: wrong-list tags, unknown codes, malformed dates, empty text', async () => {
    const wrongList = await subgraph.query(
      CREATE_PROVISION,
      {
        input: {
          legislationId: 'GBR-CMA-1990',
          label: 's. 99',
          summary: 'Test-only',
          source: LAWS_TEST_SOURCE,
          proceduralPowers: ['BC-2'],
          offenceCategories: ['PRODUCTION_ORDER'],
        },
      },
      as.editor,
    );
    expect(clientErrors(wrongList)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "BAD_USER_INPUT",
            "invalidFields": [
              {
                "field": "input.offenceCategories",
                "message": ""PRODUCTION_ORDER" is a procedural power, not an offence category",
              },
              {
                "field": "input.proceduralPowers",
                "message": ""BC-2" is an offence category, not a procedural power",
              },
            ],
          },
          "message": "Invalid input. input.offenceCategories: "PRODUCTION_ORDER" is a procedural power, not an offence category; input.proceduralPowers: "BC-2" is an offence category, not a procedural power",
          "path": [
            "createProvision",
          ],
        },
      ]
    `);
    const unknown = await subgraph.query(
      CREATE_PROVISION,
      {
        input: {
          legislationId: 'GBR-CMA-1990',
          label: 's. 99',
          summary: 'Test-only',
          source: LAWS_TEST_SOURCE,
          offenceCategories: ['BC-99'],
        },
      },
      as.editor,
    );
    expect(clientErrors(unknown)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "NOT_FOUND",
            "field": "input.offenceCategories",
            "key": "BC-99",
            "type": "Code",
          },
          "message": "No Code has input.offenceCategories "BC-99".",
          "path": [
            "createProvision",
          ],
        },
      ]
    `);
    const unknownLaw = await subgraph.query(
      CREATE_PROVISION,
      { input: { legislationId: 'NONE', label: 'x', summary: 'x', source: LAWS_TEST_SOURCE } },
      as.editor,
    );
    expect(clientErrors(unknownLaw)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "NOT_FOUND",
            "field": "input.legislationId",
            "key": "NONE",
            "type": "Legislation",
          },
          "message": "No Legislation has input.legislationId "NONE".",
          "path": [
            "createProvision",
          ],
        },
      ]
    `);
    const badDate = await subgraph.query(
      CREATE_LEGISLATION,
      { input: { ...newLaw('GBR'), adoptedOn: '2025-02-30' } },
      as.editor,
    );
    expect(clientErrors(badDate)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "BAD_USER_INPUT",
          },
          "message": "Variable "$input" got invalid value "2025-02-30" at "input.adoptedOn"; Date must be a real calendar date written YYYY-MM-DD; got "2025-02-30".",
        },
      ]
    `);
    const empty = await subgraph.query(
      CREATE_LEGISLATION,
      { input: { ...newLaw('GBR'), title: ' ', source: '' } },
      as.editor,
    );
    expect(clientErrors(empty)).toMatchInlineSnapshot(`
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
                "field": "input.source",
                "message": "must not be empty",
              },
            ],
          },
          "message": "Invalid input. input.title: must not be empty; input.source: must not be empty",
          "path": [
            "createLegislation",
          ],
        },
      ]
    `);
    const unknownCountry = await subgraph.query(
      CREATE_LEGISLATION,
      { input: newLaw('XXX') },
      as.editor,
    );
    expect(clientErrors(unknownCountry)).toMatchInlineSnapshot(`
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
            "createLegislation",
          ],
        },
      ]
    `);
  });
});
