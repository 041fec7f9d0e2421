import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCache } from '../../loaders/cache.js';
import { memberStatesSubgraph } from '../../subgraphs/member-states/index.js';
import { clientErrors } from '../support/client-errors.js';
import { startTestSubgraph, type TestSubgraph } from '../support/harness.js';
import { asViewer } from '../support/viewer.js';

// The needs-assessment workflow and consent in aggregates, on the test database (PostgreSQL when
// DATABASE_URL is set). Palau and Nauru (Micronesia, M49 057) are this file's own States: no other
// file writes assessments there, and this one clears the real assessments of both it left before.

let subgraph: TestSubgraph;
const STATE = 'PLW';
const OTHER = 'NRU';
const MICRONESIA = '057';
const EDITOR = asViewer({ role: 'editor', subject: 'test-editor' });
const FOCAL = asViewer({ role: 'state_focal_point', subject: 'fp-plw', countryIso3: STATE });
const FOCAL_OTHER = asViewer({ role: 'state_focal_point', subject: 'fp-nru', countryIso3: OTHER });
const ANALYST = asViewer({ role: 'analyst', subject: 'test-analyst' });

const REQUEST = `mutation($i: RequestNeedsAssessmentInput!) { requestNeedsAssessment(input: $i) { id status consent confidentiality } }`;
const RECORD = `mutation($id: String!, $i: RecordNeedsAssessmentInput!) { recordNeedsAssessment(id: $id, input: $i) { id status findings { id area severity status } } }`;
const ACCEPT = `mutation($id: String!, $c: ConsentLevel!) { acceptNeedsAssessment(id: $id, consent: $c) { id status consent acceptedOn } }`;
const CONSENT = `mutation($id: String!, $c: ConsentLevel!) { setNeedsAssessmentConsent(id: $id, consent: $c) { id consent } }`;
const STATS = `{ needsFindingStatistics(region: "${MICRONESIA}") { openFindings unattributedFindings withheldFindings withheldAssessments byCountry { country { iso3 } openFindings highFindings } byAreaAndSeverity { area severity openFindings } basis { realRecords syntheticRecords } } }`;

const recordInput = (overrides: Record<string, unknown> = {}) => ({
  methodology: 'Desk review and interviews (test record)',
  startedOn: '2025-02-01',
  completedOn: '2025-03-01',
  publicSummary: 'A test assessment; not a real one.',
  confidentiality: 'RESTRICTED',
  findings: [
    { area: 'DIGITAL_EVIDENCE', gap: 'No forensic laboratory (test)', severity: 'HIGH' },
    {
      area: 'CYBER_INVESTIGATIONS',
      gap: 'Procedural powers incomplete (test)',
      severity: 'MEDIUM',
    },
  ],
  recommendations: ['Set up a forensic unit (test)'],
  ...overrides,
});

async function ok(
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string>,
) {
  const response = await subgraph.query(query, variables, headers);
  expect(response.errors).toBeUndefined();
  return response.data as Record<string, any>;
}

/** A RECORDED assessment of `state` with the two findings of `recordInput`. */
async function recorded(state = STATE, overrides: Record<string, unknown> = {}) {
  const requested = await ok(
    REQUEST,
    {
      i: {
        country: state,
        title: `Needs assessment of ${state} (test)`,
        areas: ['DIGITAL_EVIDENCE', 'CYBER_INVESTIGATIONS'],
        requestedOn: '2025-01-15',
      },
    },
    state === STATE ? FOCAL : FOCAL_OTHER,
  );
  const id = requested['requestNeedsAssessment'].id as string;
  const done = await ok(RECORD, { id, i: recordInput(overrides) }, EDITOR);
  return { id, findings: done['recordNeedsAssessment'].findings as { id: string }[] };
}

async function clearOwn() {
  const db = subgraph.database.db;
  const own = sql`(select id from member_states.needs_assessment where country_iso3 in (${STATE}, ${OTHER}) and not synthetic)`;
  await sql`delete from member_states.needs_finding_change where assessment_id in ${own} or finding_id in (select id from member_states.needs_finding where assessment_id in ${own})`.execute(
    db,
  );
  await sql`update member_states.needs_finding set closed_by_assessment_id = null where closed_by_assessment_id in ${own}`.execute(
    db,
  );
  await sql`delete from member_states.needs_finding where assessment_id in ${own}`.execute(db);
  await sql`delete from member_states.needs_assessment where id in ${own}`.execute(db);
}

beforeAll(async () => {
  subgraph = await startTestSubgraph(memberStatesSubgraph, {
    cache: new MemoryCache({ maxEntries: 1000 }),
  });
  await clearOwn();
});
afterAll(async () => {
  if (subgraph) {
    await clearOwn();
    await subgraph.close();
  }
});

describe('needs assessments: the workflow', () => {
  it('goes request → record → accept, each step audited, and the follow-up closes a finding with history', async () => {
    const first = await recorded();
    const accepted = await ok(ACCEPT, { id: first.id, c: 'AGGREGATE' }, FOCAL);
    expect(accepted['acceptNeedsAssessment']).toMatchObject({
      status: 'ACCEPTED',
      consent: 'AGGREGATE',
    });
    const high = first.findings[0]!.id;
    const medium = first.findings[1]!.id;
    const followUp = await recorded(STATE, {
      startedOn: '2025-06-01',
      completedOn: '2025-06-20',
      findings: [],
      followUps: [
        { findingId: high, action: 'CLOSE', note: 'Laboratory opened (test)' },
        { findingId: medium, action: 'RERATE', severity: 'LOW' },
      ],
    });
    const read = await ok(
      `query($id: String!) { needsAssessment(id: $id) { findings { id severity status closedByAssessmentId history { kind assessmentId severityBefore severityAfter note } } } }`,
      { id: first.id },
      FOCAL,
    );
    expect(read['needsAssessment'].findings).toEqual([
      {
        id: high,
        severity: 'HIGH',
        status: 'CLOSED',
        closedByAssessmentId: followUp.id,
        history: [
          {
            kind: 'CLOSED',
            assessmentId: followUp.id,
            severityBefore: 'HIGH',
            severityAfter: 'HIGH',
            note: 'Laboratory opened (test)',
          },
        ],
      },
      {
        id: medium,
        severity: 'LOW',
        status: 'OPEN',
        closedByAssessmentId: null,
        history: [
          {
            kind: 'RERATED',
            assessmentId: followUp.id,
            severityBefore: 'MEDIUM',
            severityAfter: 'LOW',
            note: null,
          },
        ],
      },
    ]);
    const audit = await ok(
      `{ a: memberStatesAuditLog(entityId: "${first.id}") { action actorRole } f: memberStatesAuditLog(entityId: "${high}") { action actorRole } }`,
      {},
      EDITOR,
    );
    expect(audit['a'].map((e: any) => `${e.action} by ${e.actorRole}`).sort()).toEqual([
      'ACCEPT by state_focal_point',
      'RECORD by editor',
      'REQUEST by state_focal_point',
    ]);
    expect(audit['f']).toEqual([{ action: 'CLOSED', actorRole: 'editor' }]);
  });

  it('refuses to close a finding of another State’s assessment, naming the field, writing nothing', async () => {
    const other = await recorded(OTHER);
    const mine = await ok(
      REQUEST,
      {
        i: {
          country: STATE,
          title: 'Follow-up (test)',
          areas: ['CYBER_INVESTIGATIONS'],
          requestedOn: '2025-01-15',
        },
      },
      FOCAL,
    );
    const id = mine['requestNeedsAssessment'].id as string;
    const { errors } = await subgraph.query(
      RECORD,
      {
        id,
        i: recordInput({ followUps: [{ findingId: other.findings[0]!.id, action: 'CLOSE' }] }),
      },
      EDITOR,
    );
    expect(clientErrors({ errors })).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "BAD_USER_INPUT",
            "invalidFields": [
              {
                "field": "input.followUps.0.findingId",
                "message": "belongs to an assessment of NRU; an assessment of PLW follows up findings of PLW only",
              },
            ],
          },
          "message": "Invalid input. input.followUps.0.findingId: belongs to an assessment of NRU; an assessment of PLW follows up findings of PLW only",
          "path": [
            "recordNeedsAssessment",
          ],
        },
      ]
    `);
    // Nothing half-written: the request is still REQUESTED, with no finding; the other open.
    const after = await ok(
      `query($a: String!, $b: String!) { a: needsAssessment(id: $a) { status findingCount } b: needsAssessment(id: $b) { findings { status } } }`,
      { a: id, b: other.id },
      EDITOR,
    );
    expect(after['a']).toEqual({ status: 'REQUESTED', findingCount: 0 });
    expect(after['b'].findings.map((f: any) => f.status)).toEqual(['OPEN', 'OPEN']);
  });

  it('lets only the State give consent: an editor setting FULL is FORBIDDEN naming consent', async () => {
    const { id } = await recorded();
    const byEditor = await subgraph.query(CONSENT, { id, c: 'FULL' }, EDITOR);
    expect(clientErrors(byEditor)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "FORBIDDEN",
            "field": "consent",
          },
          "message": "Forbidden: consent: consent is given by the assessed State’s focal point; an editor may only withdraw it (NONE)",
          "path": [
            "setNeedsAssessmentConsent",
          ],
        },
      ]
    `);
    const byOther = await subgraph.query(ACCEPT, { id, c: 'FULL' }, FOCAL_OTHER);
    expect(clientErrors(byOther)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "FORBIDDEN",
            "field": "id",
          },
          "message": "Forbidden: id: a focal point of NRU acts on assessments of NRU only",
          "path": [
            "acceptNeedsAssessment",
          ],
        },
      ]
    `);
    const read = await ok(
      `query($id: String!) { needsAssessment(id: $id) { status consent } }`,
      { id },
      EDITOR,
    );
    expect(read['needsAssessment']).toEqual({ status: 'RECORDED', consent: 'NONE' });
    await ok(ACCEPT, { id, c: 'FULL' }, FOCAL);
    const withdrawn = await ok(CONSENT, { id, c: 'NONE' }, EDITOR);
    expect(withdrawn['setNeedsAssessmentConsent'].consent).toBe('NONE');
  });

  it('refuses a focal point asking for another State’s assessment, and bad dates, naming fields', async () => {
    const other = await subgraph.query(
      REQUEST,
      {
        i: {
          country: OTHER,
          title: 'x',
          areas: ['CYBER_INVESTIGATIONS'],
          requestedOn: '2025-01-15',
        },
      },
      FOCAL,
    );
    expect(clientErrors(other)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "FORBIDDEN",
            "field": "input.country",
          },
          "message": "Forbidden: input.country: a focal point of PLW acts on assessments of PLW only",
          "path": [
            "requestNeedsAssessment",
          ],
        },
      ]
    `);
    const { id } = (
      await ok(
        REQUEST,
        {
          i: {
            country: STATE,
            title: 'Dates (test)',
            areas: ['CYBER_INVESTIGATIONS'],
            requestedOn: '2025-01-15',
          },
        },
        FOCAL,
      )
    )['requestNeedsAssessment'];
    const bad = await subgraph.query(
      RECORD,
      { id, i: recordInput({ startedOn: '2024-12-01', completedOn: '2024-11-01' }) },
      EDITOR,
    );
    expect(clientErrors(bad)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "BAD_USER_INPUT",
            "invalidFields": [
              {
                "field": "input.completedOn",
                "message": "ends (2024-11-01) before it starts (2024-12-01)",
              },
            ],
          },
          "message": "Invalid input. input.completedOn: ends (2024-11-01) before it starts (2024-12-01)",
          "path": [
            "recordNeedsAssessment",
          ],
        },
      ]
    `);
    const early = await subgraph.query(
      RECORD,
      { id, i: recordInput({ startedOn: '2024-12-01', completedOn: '2025-01-20' }) },
      EDITOR,
    );
    expect(clientErrors(early)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "BAD_USER_INPUT",
            "invalidFields": [
              {
                "field": "input.startedOn",
                "message": "must not be before the request (2025-01-15)",
              },
            ],
          },
          "message": "Invalid input. input.startedOn: must not be before the request (2025-01-15)",
          "path": [
            "recordNeedsAssessment",
          ],
        },
      ]
    `);
  });
});

describe('needs assessments: consent in aggregates (each level)', () => {
  it('counts a State’s unreadable findings only as its consent allows, and says how many were left out', async () => {
    await clearOwn();
    const { id } = await recorded();
    // RECORDED, consent NONE: a public viewer and an analyst see it withheld.
    for (const viewer of [{}, ANALYST]) {
      const none = (await ok(STATS, {}, viewer))['needsFindingStatistics'];
      expect(none).toMatchObject({
        openFindings: 0,
        unattributedFindings: 0,
        withheldFindings: 2,
        withheldAssessments: 1,
        byCountry: [],
        byAreaAndSeverity: [],
        basis: { realRecords: 0, syntheticRecords: 0 },
      });
    }
    // The State's focal point and editors read the findings: counted and attributed.
    for (const viewer of [FOCAL, EDITOR]) {
      const own = (await ok(STATS, {}, viewer))['needsFindingStatistics'];
      expect(own).toMatchObject({
        openFindings: 2,
        withheldFindings: 0,
        byCountry: [{ country: { iso3: STATE }, openFindings: 2, highFindings: 1 }],
      });
    }
    // AGGREGATE: in the totals, never by country.
    await ok(ACCEPT, { id, c: 'AGGREGATE' }, FOCAL);
    const aggregate = (await ok(STATS, {}, {}))['needsFindingStatistics'];
    expect(aggregate).toMatchObject({
      openFindings: 2,
      unattributedFindings: 2,
      withheldFindings: 0,
      withheldAssessments: 0,
      byCountry: [],
      byAreaAndSeverity: [
        { area: 'CYBER_INVESTIGATIONS', severity: 'MEDIUM', openFindings: 1 },
        { area: 'DIGITAL_EVIDENCE', severity: 'HIGH', openFindings: 1 },
      ],
      basis: { realRecords: 1 },
    });
    // FULL: counted and attributed, for the public too; findings themselves stay unreadable.
    await ok(CONSENT, { id, c: 'FULL' }, FOCAL);
    const full = (await ok(STATS, {}, ANALYST))['needsFindingStatistics'];
    expect(full).toMatchObject({
      openFindings: 2,
      unattributedFindings: 0,
      withheldFindings: 0,
      byCountry: [{ country: { iso3: STATE }, openFindings: 2, highFindings: 1 }],
    });
    const findings = await ok(
      `query($id: String!) { needsAssessment(id: $id) { findings { id } } }`,
      { id },
      ANALYST,
    );
    expect(findings['needsAssessment'].findings).toBeNull();
    // Withdrawn by an editor on the State's word: withheld again.
    await ok(CONSENT, { id, c: 'NONE' }, EDITOR);
    const again = (await ok(STATS, {}, {}))['needsFindingStatistics'];
    expect(again).toMatchObject({ openFindings: 0, withheldFindings: 2, withheldAssessments: 1 });
  });
});
