import { writeFile } from 'node:fs/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../gateway/auth.js';
import { readGatewayConfig } from '../../gateway/config.js';
import { DEV_JWT_SECRET, readRuntimeConfig } from '../../loaders/config.js';
import type { Viewer } from '../../loaders/identity.js';
import { startStack, type Stack } from '../../scripts/stack.js';
import { CORE_SUBGRAPHS } from '../../subgraphs/index.js';
import { postGraphQL, silentLogger, type GraphQLResponse } from '../support/harness.js';

// One assistance cycle through the gateway, every step as the role that takes it in practice
// (bearer tokens, as clients send them): a State's request → needs assessment requested,
// recorded and accepted → activity → outcome → follow-up assessment closing the finding. At each
// step each viewer sees what it may, and at the end the audit logs tell the story. Every core
// subgraph and the gateway in one process, as `npm start` runs them. Tonga is this file's State
// (no other test writes for it); Fiji's focal point is the other State. With CYCLE_TRANSCRIPT set
// to a path, the test writes what each viewer saw there (docs/assistance.md shows it).

let stack: Stack;
const STATE = 'TON';
const OTHER = 'FJI';
const POLYNESIA = '061';
const transcript: { step: string; as: string; data: unknown }[] = [];

const VIEWERS = {
  public: { role: 'public' },
  analyst: { role: 'analyst', subject: 'cycle-analyst' },
  focalPoint: { role: 'state_focal_point', subject: 'cycle-fp-ton', countryIso3: STATE },
  otherFocalPoint: { role: 'state_focal_point', subject: 'cycle-fp-fji', countryIso3: OTHER },
  editor: { role: 'editor', subject: 'cycle-unodc-editor' },
} as const satisfies Record<string, Viewer>;
type Who = keyof typeof VIEWERS;

beforeAll(async () => {
  const env = { ...process.env, LOG_LEVEL: 'silent' };
  stack = await startStack({
    runtimeConfig: readRuntimeConfig(env),
    gatewayConfig: readGatewayConfig({
      ...env,
      LIMIT_BUDGET_PER_MINUTE: '1000000000',
      LIMIT_BUDGET_PER_MINUTE_ANALYST: '1000000000',
      RESPONSE_CACHE: 'off',
    }),
    logger: silentLogger,
    subgraphs: CORE_SUBGRAPHS,
    memory: true,
    ports: 'ephemeral',
  });
  await clearOwnState();
}, 180_000);
afterAll(async () => {
  await stack?.close();
  const path = process.env['CYCLE_TRANSCRIPT'];
  if (path) {
    await writeFile(path, JSON.stringify(transcript, null, 2));
  }
});

/** Removes the real records of this file's State that an earlier run left (audit entries stay). */
async function clearOwnState(): Promise<void> {
  const db = stack.runtime.database.db;
  await sql`delete from assistance.outcome where country_iso3 = ${STATE}`.execute(db);
  await sql`delete from assistance.activity where ${STATE} = any(beneficiary_iso3s) and not synthetic`.execute(
    db,
  );
  const requests = sql`(select id from assistance.assistance_request where country_iso3 = ${STATE} and not synthetic)`;
  await sql`delete from assistance.request_status_change where request_id in ${requests}`.execute(
    db,
  );
  await sql`delete from assistance.assistance_request where id in ${requests}`.execute(db);
  const own = sql`(select id from member_states.needs_assessment where country_iso3 = ${STATE} and not synthetic)`;
  await sql`delete from member_states.needs_finding_change where assessment_id in ${own}`.execute(
    db,
  );
  await sql`update member_states.needs_finding set closed_by_assessment_id = null where closed_by_assessment_id in ${own}`.execute(
    db,
  );
  await sql`delete from member_states.needs_finding where assessment_id in ${own}`.execute(db);
  await sql`delete from member_states.needs_assessment where id in ${own}`.execute(db);
}

async function ask(
  who: Who,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GraphQLResponse> {
  const viewer: Viewer = VIEWERS[who];
  const headers: Record<string, string> =
    viewer.role === 'public'
      ? {}
      : {
          authorization: `Bearer ${await signToken(
            {
              sub: viewer.subject ?? 'cycle',
              role: viewer.role,
              ...(viewer.countryIso3 ? { country: viewer.countryIso3 } : {}),
            },
            { secret: DEV_JWT_SECRET },
          )}`,
        };
  return postGraphQL(stack.gatewayUrl, query, variables, headers);
}

/** A step that must succeed; what it returned goes into the transcript. */
async function step(
  title: string,
  who: Who,
  query: string,
  variables?: Record<string, unknown>,
): Promise<Record<string, any>> {
  const response = await ask(who, query, variables);
  expect(response.errors, `${title} as ${who}`).toBeUndefined();
  transcript.push({ step: title, as: who, data: response.data });
  return response.data as Record<string, any>;
}

/** A step that must be refused with `code` naming `field` (a refusal by role names none). */
async function refused(
  title: string,
  who: Who,
  query: string,
  variables: Record<string, unknown>,
  expected: { code: string; field?: string },
): Promise<void> {
  const response = await ask(who, query, variables);
  const error = response.errors?.[0];
  const fields = [
    error?.extensions?.['field'],
    ...((error?.extensions?.['invalidFields'] as { field: string }[] | undefined) ?? []).map(
      (f) => f.field,
    ),
  ];
  expect(error?.extensions?.['code'], title).toBe(expected.code);
  if (expected.field) {
    expect(fields, title).toContain(expected.field);
  }
  transcript.push({
    step: title,
    as: who,
    data: { error: { code: error?.extensions?.['code'], message: error?.message } },
  });
}

const ASSESSMENT = `query($id: String!) { needsAssessment(id: $id) { id status consent confidentiality findingCount findingsVisible findings { id area gap severity status closedByAssessmentId history { kind assessmentId } } } }`;
const STATS = `{ needsFindingStatistics(region: "${POLYNESIA}") { openFindings unattributedFindings withheldFindings withheldAssessments byCountry { country { iso3 } openFindings } } }`;
const GAPS = `{ gaps(region: "${POLYNESIA}") { gaps { country { iso3 } assessment { id } area gap } } }`;

describe('an assistance cycle through the gateway', () => {
  it('runs request → assessment → activity → outcome → follow-up, each viewer seeing what it may', async () => {
    // 1. The State asks for assistance; an editor publishes the request.
    const filed = await step(
      '1. The focal point files a request for assistance',
      'focalPoint',
      `mutation($i: AssistanceRequestInput!) { fileAssistanceRequest(input: $i) { id status reviewStatus } }`,
      {
        i: {
          country: STATE,
          receivedOn: '2025-01-10',
          gpcAreas: ['DIGITAL_FORENSICS'],
          description: 'Support to set up digital forensics capacity (test cycle)',
        },
      },
    );
    const requestId = filed['fileAssistanceRequest'].id as string;
    expect(filed['fileAssistanceRequest'].reviewStatus).toBe('PENDING_REVIEW');
    const hidden = await ask(
      'public',
      `query($id: String!) { assistanceRequest(id: $id) { id } }`,
      {
        id: requestId,
      },
    );
    expect(hidden.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    await step(
      '2. An editor publishes the request',
      'editor',
      `mutation($id: String!) { reviewAssistanceRequest(id: $id, decision: PUBLISHED) { id reviewStatus } }`,
      { id: requestId },
    );

    // 2. The needs assessment: requested by the State, recorded by UNODC, accepted by the State.
    const requested = await step(
      '3. The focal point requests a needs assessment',
      'focalPoint',
      `mutation($i: RequestNeedsAssessmentInput!) { requestNeedsAssessment(input: $i) { id status confidentiality consent } }`,
      {
        i: {
          country: STATE,
          title: 'Needs assessment of Tonga: digital forensics (test cycle)',
          areas: ['DIGITAL_FORENSICS'],
          requestedOn: '2025-01-12',
        },
      },
    );
    const assessmentId = requested['requestNeedsAssessment'].id as string;
    const recorded = await step(
      '4. A UNODC editor records the assessment, RESTRICTED',
      'editor',
      `mutation($id: String!, $i: RecordNeedsAssessmentInput!) { recordNeedsAssessment(id: $id, input: $i) { id status findings { id area severity status } } }`,
      {
        id: assessmentId,
        i: {
          methodology: 'Desk review and interviews (test cycle)',
          startedOn: '2025-02-03',
          completedOn: '2025-02-28',
          conductedBy: ['unodc'],
          publicSummary: 'Assessment of digital forensics capacity (test cycle).',
          confidentiality: 'RESTRICTED',
          findings: [
            {
              area: 'DIGITAL_FORENSICS',
              gap: 'No accredited digital forensics laboratory (test cycle)',
              severity: 'HIGH',
            },
          ],
          recommendations: ['Set up and accredit a forensics laboratory (test cycle)'],
        },
      },
    );
    const findingId = recorded['recordNeedsAssessment'].findings[0].id as string;
    await refused(
      '5. Fiji’s focal point cannot accept Tonga’s assessment',
      'otherFocalPoint',
      `mutation($id: String!) { acceptNeedsAssessment(id: $id, consent: FULL) { id } }`,
      { id: assessmentId },
      { code: 'FORBIDDEN', field: 'id' },
    );
    await refused(
      '6. An editor cannot give the State’s consent',
      'editor',
      `mutation($id: String!) { setNeedsAssessmentConsent(id: $id, consent: FULL) { id } }`,
      { id: assessmentId },
      { code: 'FORBIDDEN', field: 'consent' },
    );
    await step(
      '7. The focal point accepts it, consenting to aggregate use only',
      'focalPoint',
      `mutation($id: String!) { acceptNeedsAssessment(id: $id, consent: AGGREGATE) { id status consent } }`,
      { id: assessmentId },
    );
    // Who sees the findings: the State and editors; not the public, analysts or another State.
    for (const who of ['public', 'analyst', 'otherFocalPoint', 'focalPoint', 'editor'] as const) {
      const data = await step(`8. The assessment as ${who}`, who, ASSESSMENT, { id: assessmentId });
      const mayRead = who === 'focalPoint' || who === 'editor';
      expect(data['needsAssessment'].findingsVisible, who).toBe(mayRead);
      expect(data['needsAssessment'].findings === null, who).toBe(!mayRead);
      expect(data['needsAssessment'].findingCount).toBe(1);
    }
    // Consent AGGREGATE: the public counts the finding, never attributed to Tonga.
    const publicStats = await step('9. Polynesia’s findings, as the public', 'public', STATS);
    expect(publicStats['needsFindingStatistics'].byCountry).toEqual([]);
    expect(publicStats['needsFindingStatistics'].unattributedFindings).toBeGreaterThanOrEqual(1);
    const editorGaps = await step('10. Polynesia’s coverage gaps, as an editor', 'editor', GAPS);
    expect(
      editorGaps['gaps'].gaps.some((g: any) => g.assessment.id === assessmentId),
      'an open HIGH finding without an activity is a gap',
    ).toBe(true);
    const analystGaps = await step('11. Polynesia’s coverage gaps, as an analyst', 'analyst', GAPS);
    expect(analystGaps['gaps'].gaps.some((g: any) => g.assessment.id === assessmentId)).toBe(false);

    // 3. Delivery: the request moves on, an activity answers it, an outcome follows.
    const linked = await step(
      '12. An editor links the request to the assessment and moves it to ASSESSED',
      'editor',
      `mutation($id: String!, $a: String!) { updateAssistanceRequest(id: $id, input: { needsAssessmentId: $a }) { id } moveAssistanceRequest(id: $id, status: ASSESSED, on: "2025-03-03") { id status } }`,
      { id: requestId, a: assessmentId },
    );
    // Two mutations in one operation: the second answers with the request as it left it.
    expect(linked['moveAssistanceRequest'].status).toBe('ASSESSED');
    const activity = await step(
      '13. An editor records the activity',
      'editor',
      `mutation($i: ActivityInput!) { recordActivity(input: $i) { id reviewStatus } }`,
      {
        i: {
          title: 'Digital forensics laboratory set-up and training (test cycle)',
          type: 'TRAINING',
          startDate: '2025-04-07',
          endDate: '2025-04-18',
          beneficiaryCountries: [STATE],
          implementerIds: ['unodc'],
          gpcPillar: 'CAPACITY_BUILDING',
          gpcAreas: ['DIGITAL_FORENSICS'],
          needsAssessmentId: assessmentId,
          requestId,
          source: 'test: assistance cycle',
        },
      },
    );
    const activityId = activity['recordActivity'].id as string;
    await step(
      '14. The request moves to IN_DELIVERY',
      'editor',
      `mutation($id: String!) { moveAssistanceRequest(id: $id, status: IN_DELIVERY, on: "2025-04-07") { id status } }`,
      { id: requestId },
    );
    const outcomeInput = {
      kind: 'INSTITUTION_ESTABLISHED',
      occurredOn: '2025-04-01',
      country: STATE,
      summary: 'Digital forensics laboratory opened (test cycle)',
      activityId,
      requestId,
      needsAssessmentId: assessmentId,
      findingId,
      evidenceSource: 'Letter of the Ministry of Police (test cycle)',
    };
    await refused(
      '15. An outcome dated before its activity is refused',
      'editor',
      `mutation($i: RecordOutcomeInput!) { recordOutcome(input: $i) { id } }`,
      { i: outcomeInput },
      { code: 'BAD_USER_INPUT', field: 'input.occurredOn' },
    );
    await refused(
      '16. A focal point cannot record an outcome',
      'focalPoint',
      `mutation($i: RecordOutcomeInput!) { recordOutcome(input: $i) { id } }`,
      { i: { ...outcomeInput, occurredOn: '2025-09-15' } },
      { code: 'FORBIDDEN' },
    );
    const outcome = await step(
      '17. An editor records the outcome',
      'editor',
      `mutation($i: RecordOutcomeInput!) { recordOutcome(input: $i) { id kind occurredOn findingId evidence { source confidence } } }`,
      { i: { ...outcomeInput, occurredOn: '2025-09-15' } },
    );
    const outcomeId = outcome['recordOutcome'].id as string;
    await step(
      '18. The request is MET',
      'editor',
      `mutation($id: String!) { moveAssistanceRequest(id: $id, status: MET, on: "2025-09-15") { id status } }`,
      { id: requestId },
    );

    // 4. The follow-up assessment closes the finding.
    const followUp = await step(
      '19. The focal point requests a follow-up assessment',
      'focalPoint',
      `mutation($i: RequestNeedsAssessmentInput!) { requestNeedsAssessment(input: $i) { id } }`,
      {
        i: {
          country: STATE,
          title: 'Follow-up assessment of Tonga (test cycle)',
          areas: ['DIGITAL_FORENSICS'],
          requestedOn: '2025-10-01',
        },
      },
    );
    const followUpId = followUp['requestNeedsAssessment'].id as string;
    await step(
      '20. A UNODC editor records it, closing the finding',
      'editor',
      `mutation($id: String!, $i: RecordNeedsAssessmentInput!) { recordNeedsAssessment(id: $id, input: $i) { id status } }`,
      {
        id: followUpId,
        i: {
          methodology: 'Site visit (test cycle)',
          startedOn: '2025-10-06',
          completedOn: '2025-10-10',
          publicSummary: 'Follow-up of the 2025 assessment (test cycle).',
          confidentiality: 'RESTRICTED',
          findings: [],
          recommendations: [],
          followUps: [{ findingId, action: 'CLOSE', note: 'Laboratory in operation (test cycle)' }],
        },
      },
    );
    await step(
      '21. The focal point accepts the follow-up',
      'focalPoint',
      `mutation($id: String!) { acceptNeedsAssessment(id: $id, consent: AGGREGATE) { id status } }`,
      { id: followUpId },
    );
    const closed = await step(
      '22. The first assessment as the focal point',
      'focalPoint',
      ASSESSMENT,
      {
        id: assessmentId,
      },
    );
    expect(closed['needsAssessment'].findings[0]).toMatchObject({
      status: 'CLOSED',
      closedByAssessmentId: followUpId,
      history: [{ kind: 'CLOSED', assessmentId: followUpId }],
    });
    const followed = await step(
      '22b. The first assessment’s outcomes, as the public',
      'public',
      `query($id: String!) { needsAssessment(id: $id) { outcomes { kind findingId occurredOn } } }`,
      { id: assessmentId },
    );
    expect(followed['needsAssessment'].outcomes).toEqual([
      { kind: 'INSTITUTION_ESTABLISHED', findingId, occurredOn: '2025-09-15' },
    ]);
    const stillHidden = await step('23. The first assessment as the public', 'public', ASSESSMENT, {
      id: assessmentId,
    });
    expect(stillHidden['needsAssessment'].findings).toBeNull();
    const gapsAfter = await step('24. Polynesia’s coverage gaps, as an editor', 'editor', GAPS);
    expect(gapsAfter['gaps'].gaps.some((g: any) => g.assessment.id === assessmentId)).toBe(false);
    const story = await step(
      '25. The request with its activities and outcomes, as the public',
      'public',
      `query($id: String!) { assistanceRequest(id: $id) { status statusHistory { status on } activities { id title } outcomes { kind occurredOn summary activity { id } } } }`,
      { id: requestId },
    );
    expect(story['assistanceRequest']).toMatchObject({
      status: 'MET',
      activities: [{ id: activityId }],
      outcomes: [
        { kind: 'INSTITUTION_ESTABLISHED', occurredOn: '2025-09-15', activity: { id: activityId } },
      ],
    });

    const summary = await step(
      '26. The report counts outcomes by kind, region and pillar',
      'public',
      `{ deliverySummary(groupBy: REGION, from: "2025-01-01", to: "2025-12-31") { outcomes { kind region { m49 name } pillar outcomes } } }`,
    );
    expect(summary['deliverySummary'].outcomes).toContainEqual({
      kind: 'INSTITUTION_ESTABLISHED',
      region: { m49: '009', name: 'Oceania' },
      pillar: 'CAPACITY_BUILDING',
      outcomes: expect.any(Number),
    });

    // 5. The audit logs tell the story, in order, with who did what.
    const audit = await step(
      '27. The audit logs, as an editor',
      'editor',
      `query($r: String!, $a: String!, $f: String!, $o: String!, $u: String!) {
        request: assistanceAuditLog(entityId: $r) { action actorRole actorCountryIso3 }
        assessment: memberStatesAuditLog(entityId: $a) { action actorRole actorCountryIso3 }
        finding: memberStatesAuditLog(entityId: $f) { action actorRole }
        followUp: memberStatesAuditLog(entityId: $u) { action actorRole }
        outcome: assistanceAuditLog(entityId: $o) { action actorRole }
      }`,
      { r: requestId, a: assessmentId, f: findingId, o: outcomeId, u: followUpId },
    );
    const actions = (list: { action: string; actorRole: string }[]) =>
      [...list].reverse().map((e) => `${e.action} by ${e.actorRole}`);
    expect(actions(audit['request'])).toEqual([
      'CREATE by state_focal_point',
      'PUBLISHED by editor',
      'UPDATE by editor',
      'STATUS by editor',
      'STATUS by editor',
      'STATUS by editor',
    ]);
    expect(actions(audit['assessment'])).toEqual([
      'REQUEST by state_focal_point',
      'RECORD by editor',
      'ACCEPT by state_focal_point',
    ]);
    expect(actions(audit['finding'])).toEqual(['CLOSED by editor']);
    expect(actions(audit['followUp'])).toEqual([
      'REQUEST by state_focal_point',
      'RECORD by editor',
      'ACCEPT by state_focal_point',
    ]);
    expect(actions(audit['outcome'])).toEqual(['CREATE by editor']);
    const auditAsAnalyst = await ask(
      'analyst',
      `query($a: String!) { memberStatesAuditLog(entityId: $a) { action } }`,
      { a: assessmentId },
    );
    expect(auditAsAnalyst.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  }, 120_000);
});
