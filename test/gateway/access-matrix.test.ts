import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parse, type ConstDirectiveNode, type ObjectTypeDefinitionNode } from 'graphql';
import { sql } from 'kysely';
import { format, resolveConfig } from 'prettier';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../gateway/auth.js';
import { readGatewayConfig } from '../../gateway/config.js';
import { DEV_JWT_SECRET, readRuntimeConfig } from '../../loaders/config.js';
import { generateIdentityKey, type Viewer } from '../../loaders/identity.js';
import { projectPath } from '../../loaders/project-path.js';
import { startStack, type Stack } from '../../scripts/stack.js';
import { CORE_SUBGRAPHS } from '../../subgraphs/index.js';
import {
  FIELD_POLICY,
  isRestrictedDescription,
  MUTATION_POLICY,
  policyMarkdown,
  RECORD_POLICY,
  VIEWER_KINDS,
  viewerOf,
  type ViewerKind,
} from '../support/access-policy.js';
import { postGraphQL, silentLogger, type GraphQLResponse } from '../support/harness.js';
import { asViewer, withSignedViewer } from '../support/viewer.js';

// The role × field × mutation matrix, generated from test/support/access-policy.ts and the
// supergraph: every cell through the gateway (bearer token) and directly on the owning subgraph
// (signed viewer header; `_entities` for entity fields). Every core subgraph and the gateway in one
// process, as `npm start` runs them.

let stack: Stack;
let supergraph: ObjectTypeDefinitionNode[];
/** `member-states` for `MEMBER_STATES`: the supergraph's join__Graph enum. */
let graphNames: Map<string, string>;

const SOURCE = 'test: access matrix';
/** The stack's core signing key, held by the test too, to speak to each subgraph directly. */
const matrixKey = generateIdentityKey('test-access-matrix');
const SCOPE = {
  state: 'KEN',
  otherState: 'UGA',
  org: 'interpol',
  otherOrg: 'itu',
  donorOrg: 'gov-nor',
};
type Scope = typeof SCOPE;
type Path = 'gateway' | 'subgraph';
const PATHS: readonly Path[] = ['gateway', 'subgraph'];

beforeAll(async () => {
  const env = { ...process.env, LOG_LEVEL: 'silent' };
  stack = await startStack({
    runtimeConfig: readRuntimeConfig(env),
    gatewayConfig: {
      ...readGatewayConfig({
        ...env,
        LIMIT_BUDGET_PER_MINUTE: '1000000000',
        LIMIT_BUDGET_PER_MINUTE_ANALYST: '1000000000',
        RESPONSE_CACHE: 'off',
      }),
      identitySigningKey: matrixKey,
    },
    logger: silentLogger,
    subgraphs: CORE_SUBGRAPHS,
    memory: true,
    ports: 'ephemeral',
  });
  const document = parse(await readFile(projectPath('schema', 'supergraph.graphql'), 'utf8'));
  supergraph = document.definitions.filter(
    (d): d is ObjectTypeDefinitionNode => d.kind === 'ObjectTypeDefinition',
  );
  graphNames = new Map();
  for (const d of document.definitions) {
    if (d.kind === 'EnumTypeDefinition' && d.name.value === 'join__Graph') {
      for (const value of d.values ?? []) {
        const name = argument(
          value.directives?.find((x) => x.name.value === 'join__graph'),
          'name',
        );
        graphNames.set(value.name.value, name ?? '');
      }
    }
  }
}, 180_000);
afterAll(() => stack?.close());

function argument(directive: ConstDirectiveNode | undefined, name: string): string | undefined {
  const arg = directive?.arguments?.find((a) => a.name.value === name);
  return arg && (arg.value.kind === 'StringValue' || arg.value.kind === 'EnumValue')
    ? arg.value.value
    : undefined;
}

function typeOf(name: string): ObjectTypeDefinitionNode {
  const type = supergraph.find((d) => d.name.value === name);
  if (!type) {
    throw new Error(`no type ${name}`);
  }
  return type;
}

/** The subgraph that resolves `Type.field`: its join__field graph that is not `external`. */
function ownerOf(typeName: string, fieldName: string): string {
  const field = typeOf(typeName).fields?.find((f) => f.name.value === fieldName);
  const join = field?.directives?.find(
    (d) =>
      d.name.value === 'join__field' &&
      !d.arguments?.some(
        (a) => a.name.value === 'external' && a.value.kind === 'BooleanValue' && a.value.value,
      ),
  );
  const graph = argument(join, 'graph');
  const name = graph && graphNames.get(graph);
  if (!name) {
    throw new Error(`no owner of ${typeName}.${fieldName}`);
  }
  return name;
}

function subgraphUrl(name: string): string {
  const running = stack.subgraphs.find((s) => s.name === name);
  if (!running) {
    throw new Error(`subgraph ${name} is not running`);
  }
  return running.url;
}

const tokens = new Map<string, Promise<string>>();
function bearer(viewer: Viewer): Promise<string> {
  const key = JSON.stringify(viewer);
  let token = tokens.get(key);
  if (!token) {
    token = signToken(
      {
        sub: viewer.subject ?? 'matrix',
        role: viewer.role,
        ...(viewer.countryIso3 ? { country: viewer.countryIso3 } : {}),
        ...(viewer.organizationId ? { org: viewer.organizationId } : {}),
      },
      { secret: DEV_JWT_SECRET },
    );
    tokens.set(key, token);
  }
  return token;
}

/** One request as `viewer`, through the gateway or straight to `subgraph`. */
async function ask(
  path: Path,
  subgraph: string,
  viewer: Viewer,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GraphQLResponse> {
  if (path === 'gateway') {
    const headers: Record<string, string> =
      viewer.role === 'public' ? {} : { authorization: `Bearer ${await bearer(viewer)}` };
    return postGraphQL(stack.gatewayUrl, query, variables, headers);
  }
  const headers =
    viewer.role === 'public'
      ? {}
      : await withSignedViewer(asViewer(viewer), subgraph, query, variables, matrixKey);
  return postGraphQL(subgraphUrl(subgraph), query, variables, headers);
}

/** A setup step straight on the subgraph; fails the test on any error. */
async function as(
  kind: ViewerKind,
  subgraph: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<Record<string, any>> {
  const response = await ask('subgraph', subgraph, viewerOf(kind, SCOPE), query, variables);
  if (response.errors) {
    throw new Error(`setup on ${subgraph} failed: ${JSON.stringify(response.errors)}`);
  }
  return response.data as Record<string, any>;
}

/** Runs `tasks` a few at a time (the matrix has hundreds of cells; the machine has two cores). */
async function inBatches<T>(tasks: (() => Promise<T>)[], size = 6): Promise<T[]> {
  const results: T[] = [];
  for (let i = 0; i < tasks.length; i += size) {
    results.push(...(await Promise.all(tasks.slice(i, i + size).map((task) => task()))));
  }
  return results;
}

const short = () => randomUUID().slice(0, 8);
/** How many catalogue entries the matrix has promoted in this run. */
let promoted = 0;

// --- Fixtures: a fresh target record for each mutation row, and the call itself. ---------------

const activityInput = (implementerIds: string[]) => ({
  title: 'Access matrix activity (test)',
  type: 'TRAINING',
  startDate: '2025-03-10',
  endDate: '2025-03-12',
  beneficiaryCountries: [SCOPE.state],
  implementerIds,
  gpcPillar: 'CAPACITY_BUILDING',
  gpcAreas: ['DIGITAL_EVIDENCE'],
  source: SOURCE,
});
const requestInput = () => ({
  country: SCOPE.state,
  receivedOn: '2025-02-03',
  gpcAreas: ['DIGITAL_EVIDENCE'],
  description: 'Access matrix request (test)',
});
const lawInput = () => ({
  countryIso3: SCOPE.state,
  title: 'Test-only law of the access matrix (not a real law)',
  type: 'ACT',
  year: 2025,
  status: 'IN_FORCE',
  source: SOURCE,
});
const projectInput = () => ({
  id: `matrix-${short()}`,
  title: 'Access matrix project (synthetic)',
  status: 'IMPLEMENTATION',
  plannedStart: '2020-01-01',
  plannedEnd: '2020-12-31',
  participatingOrgs: [
    { organizationId: SCOPE.donorOrg, role: 'FUNDING' },
    { organizationId: 'unodc', role: 'IMPLEMENTING' },
  ],
  recipientCountries: [{ iso3: SCOPE.state, percentage: '100' }],
  gpcPillars: ['CAPACITY_BUILDING'],
  gpcAreas: [],
  sectors: ['15130'],
  source: SOURCE,
});
const partnershipInput = () => ({
  title: 'Access matrix partnership (test)',
  type: 'IMPLEMENTING',
  startDate: '2026-01-01',
  endDate: '2027-12-31',
  themes: ['DIGITAL_EVIDENCE'],
  countries: [SCOPE.state],
  members: [{ organizationId: SCOPE.org, role: 'LEAD' }],
});

const assessmentRequestInput = () => ({
  country: SCOPE.state,
  title: 'Access matrix needs assessment (test)',
  areas: ['DIGITAL_EVIDENCE'],
  requestedOn: '2025-01-06',
});
const assessmentRecordInput = () => ({
  methodology: 'Access matrix (test)',
  startedOn: '2025-01-13',
  completedOn: '2025-01-31',
  publicSummary: 'Access matrix assessment (test); not a real one.',
  confidentiality: 'RESTRICTED',
  findings: [{ area: 'DIGITAL_EVIDENCE', gap: 'Access matrix gap (test)', severity: 'LOW' }],
  recommendations: [],
});

const A = 'assistance';
const M = 'member-states';
const F = 'funding';
const L = 'laws';
const P = 'partners';

const setups = {
  pendingActivity: async (implementers = [SCOPE.org]) =>
    (
      await as(
        'partnerOwn',
        A,
        `mutation($i: ActivityInput!) { recordActivity(input: $i) { id } }`,
        {
          i: activityInput(implementers),
        },
      )
    )['recordActivity'].id as string,
  publishedActivity: async () => {
    const id = await setups.pendingActivity([SCOPE.org, SCOPE.otherOrg]);
    await as(
      'editor',
      A,
      `mutation($id: String!) { reviewActivity(id: $id, decision: PUBLISHED) { id } }`,
      { id },
    );
    return id;
  },
  request: async (by: ViewerKind) =>
    (
      await as(
        by,
        A,
        `mutation($i: AssistanceRequestInput!) { fileAssistanceRequest(input: $i) { id } }`,
        {
          i: requestInput(),
        },
      )
    )['fileAssistanceRequest'].id as string,
  project: async () =>
    (
      await as('editor', F, `mutation($i: ProjectInput!) { createProject(input: $i) { id } }`, {
        i: projectInput(),
      })
    )['createProject'].id as string,
  pendingTransaction: async () => {
    const projectId = await setups.project();
    return (
      await as(
        'donor',
        F,
        `mutation($i: TransactionInput!) { recordTransaction(input: $i) { id } }`,
        {
          i: transactionInput(projectId),
        },
      )
    )['recordTransaction'].id as string;
  },
  law: async (by: ViewerKind) =>
    (
      await as(
        by,
        L,
        `mutation($i: CreateLegislationInput!) { createLegislation(input: $i) { id } }`,
        {
          i: lawInput(),
        },
      )
    )['createLegislation'].id as string,
  provision: async (by: ViewerKind) => {
    const legislationId = await setups.law(by);
    return (
      await as(by, L, `mutation($i: CreateProvisionInput!) { createProvision(input: $i) { id } }`, {
        i: provisionInput(legislationId),
      })
    )['createProvision'].id as string;
  },
  caseLaw: async (by: ViewerKind) =>
    (
      await as(by, L, `mutation($i: CreateCaseLawInput!) { createCaseLaw(input: $i) { id } }`, {
        i: caseInput(),
      })
    )['createCaseLaw'].id as string,
  lesson: async (by: ViewerKind) =>
    (
      await as(
        by,
        L,
        `mutation($i: CreateLessonLearnedInput!) { createLessonLearned(input: $i) { id } }`,
        { i: lessonInput() },
      )
    )['createLessonLearned'].id as string,
  capabilityIndicator: async () =>
    (
      await as(
        'editor',
        M,
        `mutation($i: RecordCapabilityIndicatorInput!) { recordCapabilityIndicator(input: $i) { id } }`,
        {
          i: {
            countryIso3: SCOPE.state,
            indexName: `Access matrix index ${short()} (illustrative)`,
            edition: '2024',
            pillar: 'Legal measures',
            tier: 'Tier 3',
            sourceUrl: 'https://example.org/access-matrix',
          },
        },
      )
    )['recordCapabilityIndicator'].id as string,
  requestedAssessment: async () =>
    (
      await as(
        'focalOwn',
        M,
        `mutation($i: RequestNeedsAssessmentInput!) { requestNeedsAssessment(input: $i) { id } }`,
        { i: assessmentRequestInput() },
      )
    )['requestNeedsAssessment'].id as string,
  recordedAssessment: async () => {
    const id = await setups.requestedAssessment();
    await as(
      'editor',
      M,
      `mutation($id: String!, $i: RecordNeedsAssessmentInput!) { recordNeedsAssessment(id: $id, input: $i) { id } }`,
      { id, i: assessmentRecordInput() },
    );
    return id;
  },
  organization: async () =>
    (
      await as(
        'editor',
        P,
        `mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }`,
        {
          i: organizationInput(),
        },
      )
    )['createOrganization'].id as string,
  partnership: async (by: ViewerKind) =>
    (
      await as(
        by,
        P,
        `mutation($i: CreatePartnershipInput!) { createPartnership(input: $i) { id } }`,
        {
          i: partnershipInput(),
        },
      )
    )['createPartnership'].id as string,
};

function transactionInput(projectId: string) {
  return {
    projectId,
    type: 'INCOMING_FUNDS',
    date: '2020-03-02',
    amount: '1',
    currency: 'USD',
    providerOrgId: SCOPE.donorOrg,
    receiverOrgId: 'unodc',
  };
}
function provisionInput(legislationId: string) {
  return {
    legislationId,
    label: 'art. 1',
    summary: 'Test-only provision of the access matrix.',
    source: SOURCE,
  };
}
function caseInput() {
  return {
    countryIso3s: [SCOPE.state],
    court: 'Test-only court of the access matrix',
    jurisdictionLevel: 'NATIONAL',
    caseName: 'Matrix v. Matrix (test-only, not a real decision)',
    factSummary: 'Test-only case of the access matrix.',
    source: SOURCE,
  };
}
function lessonInput() {
  return {
    countryIso3: SCOPE.state,
    title: 'Test-only lesson of the access matrix (not a real document)',
    documentType: 'OTHER',
    summary: 'Test-only lesson of the access matrix.',
    source: SOURCE,
  };
}
function organizationInput() {
  return {
    id: `matrix-org-${short()}`,
    name: 'Access matrix organisation (test)',
    partnerCategory: 'OTHER',
    source: SOURCE,
  };
}

interface MutationFixture {
  /** Makes the target record (as its owner or an editor) and returns the call's variables. */
  readonly prepare: () => Promise<Record<string, unknown>>;
  readonly document: string;
}

const id = (make: () => Promise<string>) => async () => ({ id: await make() });

/** For each mutation, one fixture per row of MUTATION_POLICY, in the same order. */
const FIXTURES: Readonly<Record<string, readonly MutationFixture[]>> = {
  recordActivity: [
    {
      prepare: async () => ({ i: activityInput([SCOPE.org]) }),
      document: `mutation($i: ActivityInput!) { recordActivity(input: $i) { id } }`,
    },
  ],
  updateActivity: [
    {
      prepare: async () => ({ id: await setups.pendingActivity(), i: activityInput([SCOPE.org]) }),
      document: `mutation($id: String!, $i: ActivityInput!) { updateActivity(id: $id, input: $i) { id } }`,
    },
    {
      prepare: async () => ({
        id: await setups.publishedActivity(),
        i: activityInput([SCOPE.org, SCOPE.otherOrg]),
      }),
      document: `mutation($id: String!, $i: ActivityInput!) { updateActivity(id: $id, input: $i) { id } }`,
    },
  ],
  reviewActivity: [
    {
      prepare: id(() => setups.pendingActivity()),
      document: `mutation($id: String!) { reviewActivity(id: $id, decision: PUBLISHED) { id } }`,
    },
  ],
  fileAssistanceRequest: [
    {
      prepare: async () => ({ i: requestInput() }),
      document: `mutation($i: AssistanceRequestInput!) { fileAssistanceRequest(input: $i) { id } }`,
    },
  ],
  updateAssistanceRequest: [
    {
      prepare: id(() => setups.request('focalOwn')),
      document: `mutation($id: String!) { updateAssistanceRequest(id: $id, input: { description: "Changed by the matrix (test)" }) { id } }`,
    },
    {
      prepare: id(() => setups.request('editor')),
      document: `mutation($id: String!) { updateAssistanceRequest(id: $id, input: { description: "Changed by the matrix (test)" }) { id } }`,
    },
  ],
  moveAssistanceRequest: [
    {
      prepare: id(() => setups.request('focalOwn')),
      document: `mutation($id: String!) { moveAssistanceRequest(id: $id, status: ASSESSED, on: "2025-03-01") { id } }`,
    },
    {
      prepare: id(() => setups.request('editor')),
      document: `mutation($id: String!) { moveAssistanceRequest(id: $id, status: ASSESSED, on: "2025-03-01") { id } }`,
    },
  ],
  reviewAssistanceRequest: [
    {
      prepare: id(() => setups.request('focalOwn')),
      document: `mutation($id: String!) { reviewAssistanceRequest(id: $id, decision: PUBLISHED) { id } }`,
    },
  ],
  createProject: [
    {
      prepare: async () => ({ i: projectInput() }),
      document: `mutation($i: ProjectInput!) { createProject(input: $i) { id } }`,
    },
  ],
  updateProject: [
    {
      prepare: id(setups.project),
      document: `mutation($id: ID!) { updateProject(id: $id, input: { title: "Changed by the matrix (synthetic)" }) { id } }`,
    },
  ],
  archiveProject: [
    {
      prepare: id(setups.project),
      document: `mutation($id: ID!) { archiveProject(id: $id) { id } }`,
    },
  ],
  recordTransaction: [
    {
      prepare: async () => ({ i: transactionInput(await setups.project()) }),
      document: `mutation($i: TransactionInput!) { recordTransaction(input: $i) { id } }`,
    },
  ],
  publishTransaction: [
    {
      prepare: id(setups.pendingTransaction),
      document: `mutation($id: ID!) { publishTransaction(id: $id) { id } }`,
    },
  ],
  rejectTransaction: [
    {
      prepare: id(setups.pendingTransaction),
      document: `mutation($id: ID!) { rejectTransaction(id: $id) { id } }`,
    },
  ],
  archiveTransaction: [
    {
      prepare: id(setups.pendingTransaction),
      document: `mutation($id: ID!) { archiveTransaction(id: $id) { id } }`,
    },
  ],
  createLegislation: [
    {
      prepare: async () => ({ i: lawInput() }),
      document: `mutation($i: CreateLegislationInput!) { createLegislation(input: $i) { id } }`,
    },
  ],
  updateLegislation: [
    {
      prepare: id(() => setups.law('focalOwn')),
      document: `mutation($id: ID!) { updateLegislation(id: $id, input: { title: "Test-only law changed by the matrix (not a real law)" }) { id } }`,
    },
    {
      prepare: id(() => setups.law('editor')),
      document: `mutation($id: ID!) { updateLegislation(id: $id, input: { title: "Test-only law changed by the matrix (not a real law)" }) { id } }`,
    },
  ],
  publishLegislation: [
    {
      prepare: id(() => setups.law('focalOwn')),
      document: `mutation($id: ID!) { publishLegislation(id: $id) { id } }`,
    },
  ],
  rejectLegislation: [
    {
      prepare: id(() => setups.law('focalOwn')),
      document: `mutation($id: ID!) { rejectLegislation(id: $id) { id } }`,
    },
  ],
  archiveLegislation: [
    {
      prepare: id(() => setups.law('editor')),
      document: `mutation($id: ID!) { archiveLegislation(id: $id) { id } }`,
    },
  ],
  createProvision: [
    {
      prepare: async () => ({ i: provisionInput(await setups.law('editor')) }),
      document: `mutation($i: CreateProvisionInput!) { createProvision(input: $i) { id } }`,
    },
  ],
  updateProvision: [
    {
      prepare: id(() => setups.provision('focalOwn')),
      document: `mutation($id: ID!) { updateProvision(id: $id, input: { summary: "Changed by the matrix (test)." }) { id } }`,
    },
  ],
  archiveProvision: [
    {
      prepare: id(() => setups.provision('editor')),
      document: `mutation($id: ID!) { archiveProvision(id: $id) { id } }`,
    },
  ],
  createCaseLaw: [
    {
      prepare: async () => ({ i: caseInput() }),
      document: `mutation($i: CreateCaseLawInput!) { createCaseLaw(input: $i) { id } }`,
    },
  ],
  updateCaseLaw: [
    {
      prepare: id(() => setups.caseLaw('focalOwn')),
      document: `mutation($id: ID!) { updateCaseLaw(id: $id, input: { caseNumber: "MATRIX-1" }) { id } }`,
    },
    {
      prepare: id(() => setups.caseLaw('editor')),
      document: `mutation($id: ID!) { updateCaseLaw(id: $id, input: { caseNumber: "MATRIX-1" }) { id } }`,
    },
  ],
  reviewCaseLaw: [
    {
      prepare: id(() => setups.caseLaw('focalOwn')),
      document: `mutation($id: ID!) { reviewCaseLaw(id: $id, decision: PUBLISHED) { id } }`,
    },
  ],
  createLessonLearned: [
    {
      prepare: async () => ({ i: lessonInput() }),
      document: `mutation($i: CreateLessonLearnedInput!) { createLessonLearned(input: $i) { id } }`,
    },
  ],
  updateLessonLearned: [
    {
      prepare: id(() => setups.lesson('focalOwn')),
      document: `mutation($id: ID!) { updateLessonLearned(id: $id, input: { issuingBody: "Matrix (test)" }) { id } }`,
    },
    {
      prepare: id(() => setups.lesson('editor')),
      document: `mutation($id: ID!) { updateLessonLearned(id: $id, input: { issuingBody: "Matrix (test)" }) { id } }`,
    },
  ],
  reviewLessonLearned: [
    {
      prepare: id(() => setups.lesson('focalOwn')),
      document: `mutation($id: ID!) { reviewLessonLearned(id: $id, decision: PUBLISHED) { id } }`,
    },
  ],
  promoteCatalogueEntry: [
    {
      // A catalogue entry not yet promoted (each allowed cell promotes one, and a database kept
      // between runs has fewer left): countries no other file promotes in.
      prepare: async () => {
        const found = await as(
          'editor',
          L,
          `{ searchLegislation(first: 20, filter: { kinds: [CATALOGUE_ENTRY], countryIso3s: ["AFG", "ALB", "DZA", "ARG", "ARM", "AUT", "AZE", "BHS", "BHR", "BGD", "BRB", "BLR"] }) { edges { node { legislation { id } } } } }`,
          {},
        );
        // Cells prepare concurrently: each takes a different entry of the page.
        const edges = found['searchLegislation'].edges;
        return {
          id: edges[promoted++ % edges.length].node.legislation.id,
          i: { type: 'ACT', status: 'IN_FORCE', source: SOURCE },
        };
      },
      document: `mutation($id: ID!, $i: PromoteCatalogueEntryInput!) { promoteCatalogueEntry(id: $id, input: $i) { id } }`,
    },
  ],
  recordTreatyAction: [
    {
      // A declaration by a State already Party: history only, labelled as the matrix's own.
      prepare: async () => ({
        i: {
          instrument: 'CETS-185',
          participant: 'ALB',
          action: 'RESERVATION_OR_DECLARATION',
          date: '2020-01-01',
          source: SOURCE,
          confidence: 'TO_VERIFY',
          notes: 'Test record of the access matrix, not a real act.',
        },
      }),
      document: `mutation($i: RecordTreatyActionInput!) { recordTreatyAction(input: $i) { id } }`,
    },
  ],
  recordCapabilityIndicator: [
    {
      prepare: async () => ({
        i: {
          countryIso3: SCOPE.state,
          indexName: `Access matrix index ${short()} (illustrative)`,
          edition: '2024',
          pillar: 'Legal measures',
          score: '1',
          scoreMax: '20',
          sourceUrl: 'https://example.org/access-matrix',
        },
      }),
      document: `mutation($i: RecordCapabilityIndicatorInput!) { recordCapabilityIndicator(input: $i) { id } }`,
    },
  ],
  correctCapabilityIndicator: [
    {
      prepare: id(setups.capabilityIndicator),
      document: `mutation($id: String!) { correctCapabilityIndicator(id: $id, input: { score: "2", scoreMax: "20", sourceUrl: "https://example.org/access-matrix", reason: "Corrected by the matrix (test)" }) { id } }`,
    },
  ],
  withdrawCapabilityIndicator: [
    {
      prepare: id(setups.capabilityIndicator),
      document: `mutation($id: String!) { withdrawCapabilityIndicator(id: $id, reason: "Withdrawn by the matrix (test)") { id } }`,
    },
  ],
  requestNeedsAssessment: [
    {
      prepare: async () => ({ i: assessmentRequestInput() }),
      document: `mutation($i: RequestNeedsAssessmentInput!) { requestNeedsAssessment(input: $i) { id } }`,
    },
  ],
  recordNeedsAssessment: [
    {
      prepare: async () => ({ id: await setups.requestedAssessment(), i: assessmentRecordInput() }),
      document: `mutation($id: String!, $i: RecordNeedsAssessmentInput!) { recordNeedsAssessment(id: $id, input: $i) { id } }`,
    },
  ],
  acceptNeedsAssessment: [
    {
      prepare: id(setups.recordedAssessment),
      document: `mutation($id: String!) { acceptNeedsAssessment(id: $id, consent: AGGREGATE) { id } }`,
    },
  ],
  setNeedsAssessmentConsent: [
    {
      prepare: id(setups.recordedAssessment),
      document: `mutation($id: String!) { setNeedsAssessmentConsent(id: $id, consent: FULL) { id } }`,
    },
    {
      prepare: id(setups.recordedAssessment),
      document: `mutation($id: String!) { setNeedsAssessmentConsent(id: $id, consent: NONE) { id } }`,
    },
  ],
  recordOutcome: [
    {
      prepare: async () => ({
        i: {
          kind: 'PRACTITIONERS_CERTIFIED',
          occurredOn: '2025-04-01',
          country: SCOPE.state,
          summary: 'Access matrix outcome (test)',
          count: 3,
          activityId: await setups.publishedActivity(),
          evidenceSource: SOURCE,
        },
      }),
      document: `mutation($i: RecordOutcomeInput!) { recordOutcome(input: $i) { id } }`,
    },
  ],
  createOrganization: [
    {
      prepare: async () => ({ i: organizationInput() }),
      document: `mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }`,
    },
  ],
  updateOrganization: [
    {
      prepare: async () => ({ id: SCOPE.org }),
      document: `mutation($id: ID!) { updateOrganization(id: $id, input: { description: "Profile as the access matrix left it (test)." }) { id } }`,
    },
  ],
  archiveOrganization: [
    {
      prepare: id(setups.organization),
      document: `mutation($id: ID!) { archiveOrganization(id: $id) { id } }`,
    },
  ],
  createPartnership: [
    {
      prepare: async () => ({ i: partnershipInput() }),
      document: `mutation($i: CreatePartnershipInput!) { createPartnership(input: $i) { id } }`,
    },
  ],
  updatePartnership: [
    {
      prepare: id(() => setups.partnership('editor')),
      document: `mutation($id: ID!) { updatePartnership(id: $id, input: { title: "Changed by the matrix (test)" }) { id } }`,
    },
  ],
  reviewPartnership: [
    {
      prepare: id(() => setups.partnership('partnerOwn')),
      document: `mutation($id: ID!) { reviewPartnership(id: $id, decision: PUBLISH) { id } }`,
    },
  ],
  archivePartnership: [
    {
      prepare: id(() => setups.partnership('partnerOwn')),
      document: `mutation($id: ID!) { archivePartnership(id: $id) { id } }`,
    },
  ],
};

/** For each type of RECORD_POLICY: its root field by id, and how to make the target record. */
const RECORD_FIXTURES: Readonly<Record<string, { root: string; make: () => Promise<string> }>> = {
  AssistanceRequest: { root: 'assistanceRequest', make: () => setups.request('focalOwn') },
  TechnicalAssistanceActivity: { root: 'activity', make: () => setups.pendingActivity() },
  Legislation: { root: 'legislation', make: () => setups.law('focalOwn') },
  LegalProvision: { root: 'provision', make: () => setups.provision('focalOwn') },
  CaseLaw: { root: 'caseLaw', make: () => setups.caseLaw('focalOwn') },
  LessonLearned: { root: 'lessonLearned', make: () => setups.lesson('focalOwn') },
  Partnership: { root: 'partnership', make: () => setups.partnership('partnerOwn') },
  Transaction: { root: 'transaction', make: setups.pendingTransaction },
  Project: {
    root: 'project',
    make: async () => {
      const id = await setups.project();
      await as('editor', F, `mutation($id: ID!) { archiveProject(id: $id) { id } }`, { id });
      return id;
    },
  },
  Organization: {
    root: 'organization',
    make: async () => {
      const id = await setups.organization();
      await as('editor', P, `mutation($id: ID!) { archiveOrganization(id: $id) { id } }`, { id });
      return id;
    },
  },
};

function mutationNames(): string[] {
  return (typeOf('Mutation').fields ?? []).map((f) => f.name.value);
}

function restrictedFields(): string[] {
  return supergraph
    .filter((t) => t.name.value !== 'Mutation')
    .flatMap((t) =>
      (t.fields ?? [])
        .filter((f) => isRestrictedDescription(f.description?.value))
        .map((f) => `${t.name.value}.${f.name.value}`),
    )
    .sort();
}

async function auditCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const subgraph of CORE_SUBGRAPHS) {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(
      `${subgraph.dbSchema}.audit_log`,
    )}`.execute(stack.runtime.database.db);
    counts[subgraph.name] = Number(rows[0]?.n);
  }
  return counts;
}

const REFUSALS = ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND'];

describe('the access matrix covers the schema', () => {
  it('has a policy row and a fixture for every mutation of the supergraph, and no other', () => {
    const names = mutationNames().sort();
    expect(Object.keys(MUTATION_POLICY).sort()).toEqual(names);
    expect(Object.keys(FIXTURES).sort()).toEqual(names);
    for (const name of names) {
      expect(FIXTURES[name]?.length, name).toBe(MUTATION_POLICY[name]?.length);
    }
  });

  it('has a policy row for every restricted field (its description says who reads it)', () => {
    expect(Object.keys(FIELD_POLICY).sort()).toEqual(restrictedFields());
  });

  it('has a row for every entity type under review (a key and a reviewStatus field)', () => {
    const reviewed = supergraph
      .filter(
        (t) =>
          t.directives?.some((d) => d.name.value === 'join__type' && argument(d, 'key')) &&
          t.fields?.some((f) => f.name.value === 'reviewStatus'),
      )
      .map((t) => t.name.value)
      .sort();
    expect(Object.keys(RECORD_POLICY).sort()).toEqual(reviewed);
    expect(Object.keys(RECORD_FIXTURES).sort()).toEqual(reviewed);
  });

  it('is shown as it is in docs/security.md', async () => {
    const doc = await readFile(projectPath('docs', 'security.md'), 'utf8');
    const shown = /<!-- access-matrix:start -->\n([\s\S]*?)<!-- access-matrix:end -->/.exec(
      doc,
    )?.[1];
    const options = (await resolveConfig(projectPath('docs', 'security.md'))) ?? {};
    const table = await format(policyMarkdown(), { ...options, parser: 'markdown' });
    expect(shown?.trim()).toBe(table.trim());
  });
});

describe('the access matrix: mutations', () => {
  it('refuses every out-of-scope cell, through the gateway and on the subgraph, writing nothing', async () => {
    const cells: (() => Promise<string | undefined>)[] = [];
    const prepared = await inBatches(
      Object.entries(FIXTURES).flatMap(([name, fixtures]) =>
        fixtures.map((fixture, row) => async () => ({
          name,
          row,
          fixture,
          variables: await fixture.prepare(),
        })),
      ),
    );
    for (const { name, row, fixture, variables } of prepared) {
      const allowed = MUTATION_POLICY[name]?.[row]?.allowed ?? [];
      for (const kind of VIEWER_KINDS.filter((k) => !allowed.includes(k))) {
        for (const path of PATHS) {
          cells.push(async () => {
            const viewer = viewerOf(kind, SCOPE);
            const response = await ask(
              path,
              ownerOf('Mutation', name),
              viewer,
              fixture.document,
              variables,
            );
            const code = response.errors?.[0]?.extensions?.['code'] as string | undefined;
            const expected = kind === 'public' ? ['UNAUTHENTICATED'] : REFUSALS.slice(1);
            return expected.includes(code ?? '') && !response.data?.[name]
              ? undefined
              : `${name} [${MUTATION_POLICY[name]?.[row]?.target}] as ${kind} via ${path}: ${code ?? 'no error'} ${JSON.stringify(response.errors?.[0]?.message ?? response.data)}`;
          });
        }
      }
    }
    const before = await auditCounts();
    const leaks = (await inBatches(cells)).filter((l): l is string => l !== undefined);
    expect(leaks).toEqual([]);
    expect(await auditCounts()).toEqual(before);
    expect(cells.length).toBeGreaterThan(300);
  }, 240_000);

  it('lets every in-scope cell write, through the gateway and on the subgraph', async () => {
    const cells: (() => Promise<string | undefined>)[] = [];
    for (const [name, fixtures] of Object.entries(FIXTURES)) {
      fixtures.forEach((fixture, row) => {
        for (const kind of MUTATION_POLICY[name]?.[row]?.allowed ?? []) {
          for (const path of PATHS) {
            cells.push(async () => {
              const variables = await fixture.prepare();
              const response = await ask(
                path,
                ownerOf('Mutation', name),
                viewerOf(kind, SCOPE),
                fixture.document,
                variables,
              );
              return response.errors === undefined && response.data?.[name]
                ? undefined
                : `${name} [${MUTATION_POLICY[name]?.[row]?.target}] as ${kind} via ${path}: ${JSON.stringify(response.errors)}`;
            });
          }
        }
      });
    }
    const failures = (await inBatches(cells)).filter((f): f is string => f !== undefined);
    expect(failures).toEqual([]);
  }, 240_000);
});

describe('the access matrix: restricted fields', () => {
  it('shows each assessment’s findings and recommendations to the table’s readers only', async () => {
    const listed = await as(
      'editor',
      'member-states',
      `{ needsAssessments(first: 500, includeSynthetic: true) { edges { node { id confidentiality country { iso3 } conductedBy { id } } } } }`,
      {},
    );
    const nodes: {
      id: string;
      confidentiality: string;
      country: { iso3: string };
      conductedBy: { id: string }[];
    }[] = listed['needsAssessments'].edges.map((e: any) => e.node);
    const cells: (() => Promise<string | undefined>)[] = [];
    for (const level of ['PUBLIC', 'RESTRICTED', 'CONFIDENTIAL']) {
      const target = nodes.find((n) => n.confidentiality === level);
      expect(target, level).toBeDefined();
      if (!target) {
        continue;
      }
      const org = target.conductedBy[0]?.id ?? SCOPE.org;
      const scope: Scope = {
        ...SCOPE,
        state: target.country.iso3,
        otherState: target.country.iso3 === 'NOR' ? 'KEN' : 'NOR',
        org,
        otherOrg: org === 'itu' ? 'interpol' : 'itu',
      };
      for (const kind of VIEWER_KINDS) {
        for (const path of PATHS) {
          cells.push(async () => {
            const viewer = viewerOf(kind, scope);
            const response =
              path === 'gateway'
                ? await ask(
                    path,
                    '',
                    viewer,
                    `query($id: String!) { needsAssessment(id: $id) { findings { area } recommendations } }`,
                    { id: target.id },
                  )
                : await ask(
                    path,
                    ownerOf('NeedsAssessment', 'findings'),
                    viewer,
                    `query($r: [_Any!]!) { _entities(representations: $r) { ... on NeedsAssessment { findings { area } recommendations } } }`,
                    { r: [{ __typename: 'NeedsAssessment', id: target.id }] },
                  );
            const node =
              path === 'gateway'
                ? response.data?.['needsAssessment']
                : response.data?.['_entities']?.[0];
            const problems: string[] = [];
            for (const field of ['findings', 'recommendations']) {
              const may = FIELD_POLICY[`NeedsAssessment.${field}`]?.readers[level]?.includes(kind);
              const read = node?.[field] !== null && node?.[field] !== undefined;
              if (response.errors || read !== may) {
                problems.push(
                  `NeedsAssessment.${field} (${level}) as ${kind} via ${path}: ${read ? 'read' : 'not read'}${response.errors ? ` ${JSON.stringify(response.errors)}` : ''}`,
                );
              }
            }
            return problems.length > 0 ? problems.join('; ') : undefined;
          });
        }
      }
    }
    const leaks = (await inBatches(cells)).filter((l): l is string => l !== undefined);
    expect(leaks).toEqual([]);
  }, 120_000);

  it('lists in a region’s coverage gaps only the HIGH findings each viewer may read', async () => {
    const listed = await as(
      'editor',
      'member-states',
      `{ needsAssessments(first: 500, includeSynthetic: true) { edges { node { id confidentiality } } } }`,
      {},
    );
    const levelOf = new Map<string, string>(
      listed['needsAssessments'].edges.map((e: any) => [e.node.id, e.node.confidentiality]),
    );
    const REPORT = `{ assessmentId countryIso3 area gap }`;
    const read = async (path: Path, viewer: Viewer, region: string) => {
      const response =
        path === 'gateway'
          ? await ask(
              path,
              '',
              viewer,
              `query($m: M49Code!) { region(m49: $m) { coverageGaps(includeSynthetic: true) { highSeverityFindings ${REPORT} } } }`,
              { m: region },
            )
          : await ask(
              path,
              ownerOf('CoverageGapReport', 'highSeverityFindings'),
              viewer,
              `query($r: [_Any!]!) { _entities(representations: $r) { ... on CoverageGapReport { highSeverityFindings ${REPORT} } } }`,
              { r: [{ __typename: 'CoverageGapReport', region, includeSynthetic: true }] },
            );
      expect(response.errors).toBeUndefined();
      const report =
        path === 'gateway'
          ? response.data?.['region'].coverageGaps
          : response.data?.['_entities'][0];
      return (report.highSeverityFindings as { assessmentId: string; countryIso3: string }[])
        .map((f) => JSON.stringify(f))
        .sort();
    };
    const editor = viewerOf('editor', SCOPE);
    const regions = ['002', '019', '142', '150', '009'];
    const all = await Promise.all(regions.map((r) => read('subgraph', editor, r)));
    const index = all.findIndex((fs) =>
      fs.some((f) => levelOf.get(JSON.parse(f).assessmentId) === 'RESTRICTED'),
    );
    expect(index).toBeGreaterThanOrEqual(0);
    const region = regions[index] as string;
    const everything = (all[index] as string[]).map(
      (f) => JSON.parse(f) as { assessmentId: string; countryIso3: string },
    );
    const restrictedState = everything.find((f) => levelOf.get(f.assessmentId) === 'RESTRICTED')
      ?.countryIso3 as string;
    const scope: Scope = {
      ...SCOPE,
      state: restrictedState,
      otherState: restrictedState === 'NOR' ? 'KEN' : 'NOR',
    };
    const readers = FIELD_POLICY['CoverageGapReport.highSeverityFindings']?.readers ?? {};
    const cells: (() => Promise<string | undefined>)[] = [];
    for (const kind of VIEWER_KINDS) {
      const viewer = viewerOf(kind, scope);
      // Each finding as its own record: "own" State is the finding's.
      const expected = everything
        .filter((f) => {
          const relative: ViewerKind =
            kind === 'focalOwn' || kind === 'focalOther'
              ? viewer.countryIso3 === f.countryIso3
                ? 'focalOwn'
                : 'focalOther'
              : kind;
          return readers[levelOf.get(f.assessmentId) ?? 'CONFIDENTIAL']?.includes(relative);
        })
        .map((f) => JSON.stringify(f))
        .sort();
      for (const path of PATHS) {
        cells.push(async () => {
          const got = await read(path, viewer, region);
          const leaked = got.filter((f) => !expected.includes(f));
          const missing = expected.filter((f) => !got.includes(f));
          return leaked.length + missing.length === 0
            ? undefined
            : `highSeverityFindings as ${kind} via ${path}: ${leaked.length} leaked, ${missing.length} missing`;
        });
      }
    }
    const leaks = (await inBatches(cells)).filter((l): l is string => l !== undefined);
    expect(leaks).toEqual([]);
  }, 120_000);

  it('shows each record under review, by key, to the table’s readers only', async () => {
    const cells: (() => Promise<string | undefined>)[] = [];
    for (const [type, fixture] of Object.entries(RECORD_FIXTURES)) {
      const id = await fixture.make();
      const owner = ownerOf('Query', fixture.root);
      const idType = typeOf('Query')
        .fields?.find((f) => f.name.value === fixture.root)
        ?.arguments?.find((a) => a.name.value === 'id');
      const idName =
        idType?.type.kind === 'NonNullType' && idType.type.type.kind === 'NamedType'
          ? idType.type.type.name.value
          : 'ID';
      for (const kind of VIEWER_KINDS) {
        for (const path of PATHS) {
          cells.push(async () => {
            const viewer = viewerOf(kind, SCOPE);
            const response =
              path === 'gateway'
                ? await ask(
                    path,
                    '',
                    viewer,
                    `query($id: ${idName}!) { ${fixture.root}(id: $id) { id reviewStatus } }`,
                    { id },
                  )
                : await ask(
                    path,
                    owner,
                    viewer,
                    `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${type} { id reviewStatus } } }`,
                    { r: [{ __typename: type, id }] },
                  );
            const node =
              path === 'gateway'
                ? response.data?.[fixture.root]
                : response.data?.['_entities']?.[0];
            const read = node?.id === id;
            const may = RECORD_POLICY[type]?.readers.includes(kind);
            const code = response.errors?.[0]?.extensions?.['code'];
            const hiddenRight = !read && (code === undefined || code === 'NOT_FOUND');
            return (may ? read && !response.errors : hiddenRight)
              ? undefined
              : `${type} as ${kind} via ${path}: ${read ? 'read' : 'not read'} ${String(code ?? '')}`;
          });
        }
      }
    }
    const leaks = (await inBatches(cells)).filter((l): l is string => l !== undefined);
    expect(leaks).toEqual([]);
  }, 120_000);

  it('shows every audit log to editors only', async () => {
    const logs = Object.keys(FIELD_POLICY).filter((f) => f.startsWith('Query.'));
    const cells: (() => Promise<string | undefined>)[] = [];
    for (const field of logs) {
      const name = field.slice('Query.'.length);
      for (const kind of VIEWER_KINDS) {
        for (const path of PATHS) {
          cells.push(async () => {
            const response = await ask(
              path,
              ownerOf('Query', name),
              viewerOf(kind, SCOPE),
              `{ ${name}(first: 1) { id } }`,
            );
            const may = FIELD_POLICY[field]?.readers['ANY']?.includes(kind);
            const read = Array.isArray(response.data?.[name]);
            const code = response.errors?.[0]?.extensions?.['code'];
            const refusedRight = code === (kind === 'public' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
            return (may ? read && !response.errors : !read && refusedRight)
              ? undefined
              : `${field} as ${kind} via ${path}: ${read ? 'read' : 'not read'} ${String(code ?? '')}`;
          });
        }
      }
    }
    const leaks = (await inBatches(cells)).filter((l): l is string => l !== undefined);
    expect(leaks).toEqual([]);
  }, 120_000);
});
