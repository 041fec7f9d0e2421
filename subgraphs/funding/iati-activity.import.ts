import { isValidDate } from '../../schema/scalars.js';
import {
  ACTIVITY_STATUS_CODES,
  ORGANISATION_ROLE_CODES,
  type ActivityStatus,
  type OrganisationRole,
} from './codes.model.js';
import type { ImportedActivityRows } from './iati-import.repository.js';
import { readBudgets, readPlannedDisbursements, readTransactions } from './iati-money.import.js';
import { resolveOrganization } from './iati-organizations.import.js';
import {
  Findings,
  type ActivityDates,
  type ImportContext,
  type NewOrganization,
  invert,
  type Step,
} from './iati-step.import.js';
import type { IatiActivity } from './iati.model.js';
import { percentagesProblem } from './project.validation.js';

// Mapping one IATI activity to the rows of a project: small steps that each read one part of it,
// reporting problems (which refuse the activity) and warnings (which do not) with the element's
// place. The money (transactions, budgets, planned disbursements) is read in iati-money.import.ts.

const STATUS = invert<ActivityStatus>(ACTIVITY_STATUS_CODES);
const ROLE = invert<OrganisationRole>(ORGANISATION_ROLE_CODES);
const DATE_TYPES = ['1', '2', '3', '4'] as const;

type Checked =
  | { rows: ImportedActivityRows; warnings: string[]; organizations: NewOrganization[] }
  | { reasons: string[]; warnings: string[] };

/** Checks one activity in full: its rows, or every reason it cannot be imported. */
export function checkActivity(
  activity: IatiActivity,
  context: ImportContext,
  firstSeen: Map<string, string>,
): Checked {
  const step: Step = {
    activity,
    context,
    findings: new Findings(),
    projectId: `iati:${activity.identifier ?? ''}`,
    newOrganizations: new Map(),
  };
  checkIdentity(step, firstSeen);
  const status = readStatus(step);
  const dates = readDates(step);
  const participants = readParticipants(step);
  const recipients = readRecipientCountries(step);
  const regions = readRecipientRegions(step);
  checkRecipientShares(step);
  const sectors = readSectors(step);
  const transactions = readTransactions(step, dates, participants);
  const budgets = readBudgets(step);
  const plannedDisbursements = readPlannedDisbursements(step);
  const { reasons, warnings } = step.findings;
  if (reasons.length > 0) {
    // A refused activity creates nothing: a later activity naming the same organisation does.
    for (const id of step.newOrganizations.keys()) {
      context.pending.delete(id);
    }
    return { reasons, warnings };
  }
  const organizations = [...step.newOrganizations.values()];
  return {
    warnings,
    organizations,
    rows: {
      project: projectRow(step, status, dates, sectors),
      participants,
      recipients,
      regions,
      transactions,
      budgets,
      plannedDisbursements,
      organizations: organizations.map((o) => ({ id: o.id, name: o.name, synthetic: o.synthetic })),
    },
  };
}

/** Identifier, title, no duplicate in the file, and never a synthetic/real crossing. */
function checkIdentity(
  { activity, context, findings, projectId }: Step,
  firstSeen: Map<string, string>,
) {
  const at = activity.at;
  if (!activity.identifier) {
    findings.refuse(at, 'iati-identifier', 'is missing');
  } else {
    const earlier = firstSeen.get(activity.identifier);
    if (earlier) {
      findings.refuse(
        at,
        'iati-identifier',
        `"${activity.identifier}" already appears in this file (${earlier})`,
      );
    } else {
      firstSeen.set(activity.identifier, at);
    }
    const existing = context.existingProjects.get(projectId);
    if (existing && existing.synthetic !== context.synthetic) {
      findings.refuse(
        at,
        'iati-identifier',
        existing.synthetic
          ? `"${activity.identifier}" is synthetic in the repository; a real file cannot make it real`
          : `"${activity.identifier}" is real in the repository; a synthetic file cannot overwrite it`,
      );
    }
  }
  if (!activity.title) {
    findings.refuse(at, 'title', 'needs a <narrative>');
  }
}

function readStatus({ activity, findings }: Step): string {
  const status = activity.statusCode ? STATUS.get(activity.statusCode) : undefined;
  if (!status) {
    findings.refuse(
      activity.at,
      'activity-status',
      `code "${activity.statusCode ?? ''}" is not an IATI ActivityStatus (1–6)`,
    );
  }
  return status ?? '';
}

function readDates({ activity, findings }: Step): ActivityDates {
  const dates = new Map<string, string>();
  for (const d of activity.dates) {
    if (!d.typeCode || !(DATE_TYPES as readonly string[]).includes(d.typeCode)) {
      findings.refuse(
        d.at,
        'activity-date',
        `type "${d.typeCode ?? ''}" is not an IATI ActivityDateType (1–4)`,
      );
    } else if (!d.isoDate || !isValidDate(d.isoDate)) {
      findings.refuse(
        d.at,
        'activity-date',
        `iso-date "${d.isoDate ?? ''}" is not a YYYY-MM-DD date`,
      );
    } else {
      dates.set(d.typeCode, d.isoDate);
    }
  }
  return {
    plannedStart: dates.get('1') ?? null,
    actualStart: dates.get('2') ?? null,
    plannedEnd: dates.get('3') ?? null,
    actualEnd: dates.get('4') ?? null,
  };
}

function readParticipants(step: Step): ImportedActivityRows['participants'] {
  const participants: ImportedActivityRows['participants'] = [];
  for (const p of step.activity.participants) {
    const role = p.roleCode ? ROLE.get(p.roleCode) : undefined;
    if (!role) {
      step.findings.refuse(
        p.at,
        'participating-org',
        `role "${p.roleCode ?? ''}" is not an IATI OrganisationRole (1–4)`,
      );
    }
    if (!p.ref && !p.name) {
      step.findings.refuse(
        p.at,
        'participating-org',
        'names no organisation (no @ref and no <narrative>)',
      );
      continue;
    }
    const org = resolveOrganization(step, p, p.at, 'participating-org');
    if (org && role && !participants.some((x) => x.organization_id === org && x.role === role)) {
      participants.push({ organization_id: org, role });
    }
  }
  return participants;
}

function readRecipientCountries({
  activity,
  context,
  findings,
}: Step): ImportedActivityRows['recipients'] {
  const recipients: ImportedActivityRows['recipients'] = [];
  for (const r of activity.recipients) {
    const country = r.code ? context.countries.get(r.code) : undefined;
    if (!country) {
      findings.refuse(
        r.at,
        'recipient-country',
        `code "${r.code ?? ''}" is not a known ISO 3166-1 alpha-2 code`,
      );
    } else if (recipients.some((x) => x.country_iso3 === country.iso3)) {
      findings.refuse(r.at, 'recipient-country', `"${r.code}" is listed twice`);
    } else {
      recipients.push({
        country_iso3: country.iso3,
        percentage: r.percentage ?? null,
        region_m49: country.region_m49,
      });
    }
  }
  return recipients;
}

/** IATI RegionVocabulary 1 (OECD DAC) and 2 (UN M49) codes are three digits; others are kept. */
function readRecipientRegions({ activity, findings }: Step): ImportedActivityRows['regions'] {
  const regions: ImportedActivityRows['regions'] = [];
  for (const r of activity.regions) {
    const vocabulary = r.vocabulary ?? '1';
    if (!r.code) {
      findings.refuse(r.at, 'recipient-region', 'has no @code');
    } else if ((vocabulary === '1' || vocabulary === '2') && !/^\d{3}$/.test(r.code)) {
      findings.refuse(
        r.at,
        'recipient-region',
        `code "${r.code}" is not a three-digit region code of vocabulary ${vocabulary}`,
      );
    } else if (regions.some((x) => x.vocabulary === vocabulary && x.code === r.code)) {
      findings.refuse(r.at, 'recipient-region', `"${r.code}" is listed twice`);
    } else {
      regions.push({ vocabulary, code: r.code, percentage: r.percentage ?? null });
    }
  }
  return regions;
}

/** Country and region percentages together sum to 100 (IATI 2.03 rule), or none is given. */
function checkRecipientShares({ activity, findings }: Step) {
  const all = [...activity.recipients, ...activity.regions];
  const split = percentagesProblem(all.map((r) => r.percentage));
  if (split) {
    // Countries come first in `all`, so the first element names the list the problem starts in.
    const element = activity.recipients.length > 0 ? 'recipient-country' : 'recipient-region';
    findings.refuse(all[0]?.at ?? activity.at, element, `percentages ${split}`);
  }
}

function readSectors({ activity, findings }: Step): string[] {
  return activity.sectors
    .filter((s) => (s.vocabulary ?? '1') === '1')
    .map((s) => {
      if (!s.code || !/^\d{5}$/.test(s.code)) {
        findings.refuse(
          s.at,
          'sector',
          `code "${s.code ?? ''}" is not a five-digit DAC purpose code`,
        );
      }
      return s.code ?? '';
    });
}

function projectRow(
  { activity, context, projectId }: Step,
  status: string,
  dates: ActivityDates,
  sectors: string[],
): ImportedActivityRows['project'] {
  return {
    id: projectId,
    iati_identifier: activity.identifier ?? null,
    title: activity.title ?? '',
    description: activity.description ?? null,
    status,
    planned_start: dates.plannedStart,
    planned_end: dates.plannedEnd,
    actual_start: dates.actualStart,
    actual_end: dates.actualEnd,
    parent_id: null,
    gpc_pillars: [],
    gpc_areas: [],
    sectors,
    synthetic: context.synthetic,
    source: context.source,
    confidence: 'to verify',
    review_status: 'PUBLISHED',
  };
}
