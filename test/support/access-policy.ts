import type { Viewer } from '../../loaders/identity.js';

/**
 * THE access policy of the graph, as one table: who may read each restricted field and run each
 * mutation. `test/gateway/access-matrix.test.ts` is generated from it and from the supergraph:
 * every mutation and every restricted field of the schema must have a row here, and every cell
 * is asserted through the gateway and directly on the owning subgraph (`_entities` for fields).
 * docs/security.md shows the same table.
 *
 * A field is restricted when its description says who may read it: it mentions RESTRICTED,
 * CONFIDENTIAL, `findingsVisible` or "Editors only" (`restrictedFieldsOf`).
 *
 * Viewers are relative to the record a cell is about: "own" is the State the record belongs to
 * (a focal point's) or the organisation that submitted it (a partner's); "other" is another.
 */
export const VIEWER_KINDS = [
  'public',
  'analyst',
  'focalOwn',
  'focalOther',
  'partnerOwn',
  'partnerOther',
  'donor',
  'editor',
] as const;
export type ViewerKind = (typeof VIEWER_KINDS)[number];

/** The viewer of a kind, for a record of `state` submitted by (or concerning) `org`. */
export function viewerOf(
  kind: ViewerKind,
  scope: { state: string; otherState: string; org: string; otherOrg: string; donorOrg: string },
): Viewer {
  switch (kind) {
    case 'public':
      return { role: 'public' };
    case 'analyst':
      return { role: 'analyst', subject: 'matrix-analyst' };
    case 'focalOwn':
      return { role: 'state_focal_point', subject: 'matrix-fp-own', countryIso3: scope.state };
    case 'focalOther':
      return {
        role: 'state_focal_point',
        subject: 'matrix-fp-other',
        countryIso3: scope.otherState,
      };
    case 'partnerOwn':
      return { role: 'partner', subject: 'matrix-p-own', organizationId: scope.org };
    case 'partnerOther':
      return { role: 'partner', subject: 'matrix-p-other', organizationId: scope.otherOrg };
    case 'donor':
      return { role: 'donor', subject: 'matrix-donor', organizationId: scope.donorOrg };
    case 'editor':
      return { role: 'editor', subject: 'matrix-editor' };
  }
}

const EDITOR: readonly ViewerKind[] = ['editor'];

/** Restricted fields: who reads them, by the record's confidentiality where it has one. */
export const FIELD_POLICY: Readonly<
  Record<
    string,
    { readonly note: string; readonly readers: Readonly<Record<string, readonly ViewerKind[]>> }
  >
> = {
  'NeedsAssessment.findings': {
    note: 'own State: the assessed one; own organisation: one that conducted it',
    readers: {
      PUBLIC: [...VIEWER_KINDS],
      RESTRICTED: ['focalOwn', 'editor'],
      CONFIDENTIAL: EDITOR,
    },
  },
  'NeedsAssessment.recommendations': {
    note: 'as findings',
    readers: {
      PUBLIC: [...VIEWER_KINDS],
      RESTRICTED: ['focalOwn', 'editor'],
      CONFIDENTIAL: EDITOR,
    },
  },
  'CoverageGapReport.highSeverityFindings': {
    note: 'each finding as its assessment’s findings; own State: a State with a RESTRICTED finding',
    readers: {
      PUBLIC: [...VIEWER_KINDS],
      RESTRICTED: ['focalOwn', 'editor'],
      CONFIDENTIAL: EDITOR,
    },
  },
  'Query.assistanceAuditLog': { note: 'the whole log', readers: { ANY: EDITOR } },
  'Query.fundingAuditLog': { note: 'the whole log', readers: { ANY: EDITOR } },
  'Query.lawsAuditLog': { note: 'the whole log', readers: { ANY: EDITOR } },
  'Query.memberStatesAuditLog': { note: 'the whole log', readers: { ANY: EDITOR } },
  'Query.partnersAuditLog': { note: 'the whole log', readers: { ANY: EDITOR } },
};

/**
 * Mutations: who may run each, on which record. A mutation with several targets (a record
 * waiting for review, a published one) has one row per target. Everyone else is refused:
 * UNAUTHENTICATED (no token), FORBIDDEN, or NOT_FOUND when the record is one they may not see.
 */
export const MUTATION_POLICY: Readonly<
  Record<string, readonly { readonly target: string; readonly allowed: readonly ViewerKind[] }[]>
> = {
  recordActivity: [
    { target: 'implemented by own organisation', allowed: ['partnerOwn', 'editor'] },
  ],
  updateActivity: [
    { target: 'own organisation’s submission, pending review', allowed: ['partnerOwn', 'editor'] },
    { target: 'published, co-implemented by another organisation', allowed: EDITOR },
  ],
  reviewActivity: [{ target: 'pending review', allowed: EDITOR }],
  fileAssistanceRequest: [{ target: 'own State', allowed: ['focalOwn', 'editor'] }],
  updateAssistanceRequest: [
    { target: 'own State’s, pending review', allowed: ['focalOwn', 'editor'] },
    { target: 'own State’s, published', allowed: EDITOR },
  ],
  moveAssistanceRequest: [
    { target: 'own State’s, pending review', allowed: ['focalOwn', 'editor'] },
    {
      target: 'own State’s, published (a status step, not content)',
      allowed: ['focalOwn', 'editor'],
    },
  ],
  reviewAssistanceRequest: [{ target: 'pending review', allowed: EDITOR }],
  createProject: [{ target: 'new project', allowed: EDITOR }],
  updateProject: [{ target: 'published project', allowed: EDITOR }],
  archiveProject: [{ target: 'published project', allowed: EDITOR }],
  recordTransaction: [
    { target: 'provided by the donor’s organisation', allowed: ['donor', 'editor'] },
  ],
  publishTransaction: [{ target: 'a donor’s, pending review', allowed: EDITOR }],
  rejectTransaction: [{ target: 'a donor’s, pending review', allowed: EDITOR }],
  archiveTransaction: [{ target: 'a donor’s, pending review', allowed: EDITOR }],
  createLegislation: [{ target: 'own State', allowed: ['focalOwn', 'editor'] }],
  updateLegislation: [
    { target: 'own State’s, pending review', allowed: ['focalOwn', 'editor'] },
    { target: 'own State’s, published', allowed: EDITOR },
  ],
  publishLegislation: [{ target: 'pending review', allowed: EDITOR }],
  rejectLegislation: [{ target: 'pending review', allowed: EDITOR }],
  archiveLegislation: [{ target: 'published', allowed: EDITOR }],
  createProvision: [{ target: 'on own State’s published law', allowed: ['focalOwn', 'editor'] }],
  updateProvision: [{ target: 'own State’s, pending review', allowed: ['focalOwn', 'editor'] }],
  archiveProvision: [{ target: 'published', allowed: EDITOR }],
  promoteCatalogueEntry: [{ target: 'a UNCTAD catalogue entry', allowed: EDITOR }],
  createCaseLaw: [{ target: 'concerning own State', allowed: ['focalOwn', 'editor'] }],
  updateCaseLaw: [
    { target: 'own State’s proposal, pending review', allowed: ['focalOwn', 'editor'] },
    { target: 'own State’s, published', allowed: EDITOR },
  ],
  reviewCaseLaw: [{ target: 'own State’s proposal, pending review', allowed: EDITOR }],
  createLessonLearned: [{ target: 'own State', allowed: ['focalOwn', 'editor'] }],
  updateLessonLearned: [
    { target: 'own State’s proposal, pending review', allowed: ['focalOwn', 'editor'] },
    { target: 'own State’s, published', allowed: EDITOR },
  ],
  reviewLessonLearned: [{ target: 'own State’s proposal, pending review', allowed: EDITOR }],
  recordTreatyAction: [{ target: 'any State’s participation', allowed: EDITOR }],
  recordCapabilityIndicator: [{ target: 'any State', allowed: EDITOR }],
  correctCapabilityIndicator: [{ target: 'any State’s, recorded', allowed: EDITOR }],
  withdrawCapabilityIndicator: [{ target: 'any State’s, recorded', allowed: EDITOR }],
  requestNeedsAssessment: [{ target: 'of own State', allowed: ['focalOwn', 'editor'] }],
  recordNeedsAssessment: [{ target: 'own State’s, requested', allowed: EDITOR }],
  acceptNeedsAssessment: [{ target: 'own State’s, recorded', allowed: ['focalOwn'] }],
  setNeedsAssessmentConsent: [
    { target: 'own State’s, giving FULL consent', allowed: ['focalOwn'] },
    { target: 'own State’s, withdrawing consent (NONE)', allowed: ['focalOwn', 'editor'] },
  ],
  recordOutcome: [{ target: 'after a published activity', allowed: EDITOR }],
  createOrganization: [{ target: 'new organisation', allowed: EDITOR }],
  updateOrganization: [{ target: 'own organisation’s profile', allowed: ['partnerOwn', 'editor'] }],
  archiveOrganization: [{ target: 'any organisation', allowed: EDITOR }],
  createPartnership: [
    { target: 'with own organisation as a member', allowed: ['partnerOwn', 'editor'] },
  ],
  updatePartnership: [{ target: 'published', allowed: EDITOR }],
  reviewPartnership: [{ target: 'own organisation’s proposal, pending review', allowed: EDITOR }],
  archivePartnership: [
    { target: 'own organisation’s proposal, pending review', allowed: ['partnerOwn', 'editor'] },
  ],
};

/**
 * Records under review: who reads one by its key (`Query.<root>(id)` and `_entities`). Every
 * entity type with a `reviewStatus` has a row: contributed records while they wait for review,
 * and records only editors create, once archived (kept for history, readable by key).
 */
export const RECORD_POLICY: Readonly<
  Record<string, { readonly target: string; readonly readers: readonly ViewerKind[] }>
> = {
  AssistanceRequest: {
    target: 'PENDING_REVIEW, filed by own State',
    readers: ['focalOwn', 'editor'],
  },
  TechnicalAssistanceActivity: {
    target: 'PENDING_REVIEW, submitted by own organisation',
    readers: ['partnerOwn', 'editor'],
  },
  Legislation: {
    target: 'PENDING_REVIEW, submitted by own State',
    readers: ['focalOwn', 'editor'],
  },
  LegalProvision: {
    target: 'PENDING_REVIEW, submitted by own State',
    readers: ['focalOwn', 'editor'],
  },
  CaseLaw: {
    target: 'PENDING_REVIEW, proposed by own State',
    readers: ['focalOwn', 'editor'],
  },
  LessonLearned: {
    target: 'PENDING_REVIEW, proposed by own State',
    readers: ['focalOwn', 'editor'],
  },
  Partnership: {
    target: 'PENDING_REVIEW, proposed by own organisation (its only member)',
    readers: ['partnerOwn', 'editor'],
  },
  Transaction: { target: 'PENDING_REVIEW, recorded by the donor', readers: ['donor', 'editor'] },
  Project: { target: 'ARCHIVED (created by editors only)', readers: [...VIEWER_KINDS] },
  Organization: { target: 'ARCHIVED (created by editors only)', readers: [...VIEWER_KINDS] },
};

/** A restricted field by the rule above: its description says who may read it. */
export function isRestrictedDescription(description: string | undefined): boolean {
  return /RESTRICTED|CONFIDENTIAL|findingsVisible|[Ee]ditors only/.test(description ?? '');
}

const HEADINGS: Readonly<Record<ViewerKind, string>> = {
  public: 'public',
  analyst: 'analyst',
  focalOwn: 'focal point, own State',
  focalOther: 'focal point, other State',
  partnerOwn: 'partner, own org.',
  partnerOther: 'partner, other org.',
  donor: 'donor',
  editor: 'editor',
};

/** The table as Markdown, as docs/security.md shows it (the matrix test checks they agree). */
export function policyMarkdown(): string {
  const header = `| | record | ${VIEWER_KINDS.map((k) => HEADINGS[k]).join(' | ')} |`;
  const rule = `| --- | --- | ${VIEWER_KINDS.map(() => ':-:').join(' | ')} |`;
  const row = (name: string, target: string, allowed: readonly ViewerKind[]) =>
    `| \`${name}\` | ${target} | ${VIEWER_KINDS.map((k) => (allowed.includes(k) ? '✓' : '—')).join(' | ')} |`;
  const fields = Object.entries(FIELD_POLICY).flatMap(([field, policy]) =>
    Object.entries(policy.readers).map(([level, readers]) =>
      row(field, level === 'ANY' ? policy.note : `${level}; ${policy.note}`, readers),
    ),
  );
  const records = Object.entries(RECORD_POLICY).map(([type, r]) => row(type, r.target, r.readers));
  const mutations = Object.entries(MUTATION_POLICY).flatMap(([name, rows]) =>
    rows.map((r) => row(name, r.target, r.allowed)),
  );
  return [
    '**Restricted fields: who reads them**',
    '',
    header,
    rule,
    ...fields,
    '',
    '**Records under review: who reads them by key**',
    '',
    header,
    rule,
    ...records,
    '',
    '**Mutations: who runs them**',
    '',
    header,
    rule,
    ...mutations,
  ].join('\n');
}
