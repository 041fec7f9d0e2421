import { createHash } from 'node:crypto';
import { FICTIONAL_ORGANIZATIONS } from '../../loaders/seed-data/synthetic.js';
import { foldTextJs } from '../../loaders/text-fold.js';
import type { KnownOrganization } from './iati-import.repository.js';
import type { ImportOptions } from './iati.import.js';
import type { IatiActivity } from './iati.model.js';

// What every stage of checking one IATI activity shares: the file's context (what the database
// knows, read once per file), the findings (reasons that refuse the activity, warnings that do
// not) and the step through one activity.

const FICTIONAL_IDS: ReadonlySet<string> = new Set(FICTIONAL_ORGANIZATIONS.map((o) => o.id));

export const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 24);

/** A code list's names by code: `{ PIPELINE: '1' }` → `'1' → PIPELINE`. */
export const invert = <T extends string>(codes: Readonly<Record<T, string>>) =>
  new Map(Object.entries(codes).map(([name, code]) => [code as string, name as T]));

export interface ImportContext {
  readonly synthetic: boolean;
  readonly source: string;
  readonly canRegister: boolean;
  readonly byRef: ReadonlyMap<string, KnownOrganization>;
  readonly byName: ReadonlyMap<string, KnownOrganization[]>;
  readonly byId: ReadonlyMap<string, KnownOrganization>;
  readonly countries: ReadonlyMap<string, { iso3: string; region_m49: string }>;
  readonly existingProjects: ReadonlyMap<string, { synthetic: boolean }>;
  /** Unverified organisations met earlier in this file, by id. */
  readonly pending: Map<string, NewOrganization>;
  readonly registered: Set<string>;
  readonly reported: Set<string>;
}

/** What checking needs to know of the database, read once per file (pure: tests build it). */
export function buildImportContext(
  known: {
    organizations: readonly KnownOrganization[];
    countries: readonly { iso2: string; iso3: string; region_m49: string }[];
    existingProjects: readonly { id: string; synthetic: boolean }[];
  },
  synthetic: boolean,
  options: Pick<ImportOptions, 'sourceName' | 'registerOrganizations'>,
): ImportContext {
  const byRef = new Map<string, KnownOrganization>();
  const byName = new Map<string, KnownOrganization[]>();
  const byId = new Map<string, KnownOrganization>();
  for (const org of known.organizations) {
    const entry = { ...org, synthetic: org.synthetic || FICTIONAL_IDS.has(org.id) };
    byId.set(org.id, entry);
    if (!org.verified) {
      continue; // an unverified one is found by its deterministic id, never by a guess
    }
    byRef.set(org.id, entry);
    if (org.iati_org_id) {
      byRef.set(org.iati_org_id, entry);
    }
    const folded = foldTextJs(org.name).trim();
    byName.set(folded, [...(byName.get(folded) ?? []), entry]);
  }
  return {
    synthetic,
    source: `IATI activity file ${options.sourceName}${synthetic ? ' (synthetic: the file says so)' : ''}`,
    canRegister: options.registerOrganizations !== undefined,
    byRef,
    byName,
    byId,
    countries: new Map(known.countries.map((c) => [c.iso2, c])),
    existingProjects: new Map(known.existingProjects.map((p) => [p.id, p])),
    pending: new Map(),
    registered: new Set(),
    reported: new Set(),
  };
}

/** Problems refuse the activity; warnings are reported and the activity is imported. */
export class Findings {
  readonly reasons: string[] = [];
  readonly warnings: string[] = [];

  refuse(at: string, element: string, message: string): void {
    this.reasons.push(`${at} <${element}>: ${message}`);
  }

  warn(at: string, element: string, message: string): void {
    this.warnings.push(`${at} <${element}>: ${message}`);
  }
}

export interface NewOrganization {
  id: string;
  name: string;
  ref: string | null;
  type: string | null;
  at: string;
  synthetic: boolean;
}

export interface Step {
  readonly activity: IatiActivity;
  readonly context: ImportContext;
  readonly findings: Findings;
  readonly projectId: string;
  /** Unverified organisations this activity needs, by id. */
  readonly newOrganizations: Map<string, NewOrganization>;
}

export interface ActivityDates {
  plannedStart: string | null;
  actualStart: string | null;
  plannedEnd: string | null;
  actualEnd: string | null;
}
