import { CodeList } from './code-list.entity.js';
import {
  list,
  RECORD_ID,
  type CheckedRecord,
  type ImportProblem,
  type RecordChecker,
} from './laws-check.import.js';
import type { NewLegalProvisionRow, NewLegislationRow } from './laws.table.js';
import { LegislationStatus, LegislationType } from './legislation.entity.js';

// Import records of laws and their provisions: checked, then the rows they write. An import
// writes curated, real, published records only.

const LEGISLATION_ID = /^[A-Z]{3}-[A-Za-z0-9._-]{1,80}$/;

type CheckedLegislation = CheckedRecord<'legislation', NewLegislationRow>;
type CheckedProvision = CheckedRecord<'provision', NewLegalProvisionRow>;

/** The id, its country, and an existing record it may not overwrite. */
function legislationId(c: RecordChecker): { id: string; country: string } {
  const id = c.id(LEGISLATION_ID, 'the country code, a hyphen and a slug, such as "KEN-CMCA-2018"');
  const country = c.states('country_iso3', true)[0] ?? '';
  if (id && country && !id.startsWith(`${country}-`)) {
    c.problem('id', `must start with "${country}-"`);
  }
  const existing = c.known.legislation.get(id);
  if (existing && (existing.kind !== 'CURATED' || existing.synthetic)) {
    c.problem(
      'id',
      existing.synthetic
        ? `"${id}" is a synthetic record; an import writes real records only`
        : `"${id}" is a catalogue entry: promote it with promoteCatalogueEntry`,
    );
  }
  return { id, country };
}

export function checkLegislationRecord(c: RecordChecker): CheckedLegislation | ImportProblem[] {
  const { id, country } = legislationId(c);
  const language = c.text('original_language', false, 2);
  if (language && !/^[a-z]{2}$/.test(language)) {
    c.problem('original_language', 'must be ISO 639-1, such as "fr"');
  }
  const adopted = c.date('adopted_on');
  const inForce = c.date('in_force_on');
  if (adopted && inForce && inForce < adopted) {
    c.problem('in_force_on', 'is before adopted_on');
  }
  return c.result('legislation', id, {
    id,
    country_iso3: country,
    title: c.required('title', 500),
    original_title: c.text('original_title', false, 500),
    original_language: language,
    type: c.oneOf('type', Object.values(LegislationType), true),
    kind: 'CURATED',
    year: c.year('year'),
    adopted_on: adopted,
    in_force_on: inForce,
    status: c.oneOf('status', Object.values(LegislationStatus), true) ?? '',
    amends: c.laws('amends'),
    document_url: c.url('document_url'),
    ...c.sourced(),
    synthetic: false,
    review_status: 'PUBLISHED',
  });
}

/** "<instrument code>:<article>" of instruments the repository holds. */
function instrumentArticles(c: RecordChecker): string[] {
  const articles = list(c.text('instrument_articles', false, 2000));
  for (const a of articles) {
    const [code, article] = a.split(':');
    if (!code || !article || !c.known.instruments.has(code)) {
      c.problem(
        'instrument_articles',
        `"${a}" must be "<instrument code>:<article>" of a known instrument`,
      );
    }
  }
  return articles;
}

export function checkProvisionRecord(c: RecordChecker): CheckedProvision | ImportProblem[] {
  const id = c.id(RECORD_ID, 'a stable id of letters, digits and . _ : -');
  const lawId = c.required('legislation_id', 100);
  const law = c.known.legislation.get(lawId);
  if (lawId && !law) {
    c.problem('legislation_id', `"${lawId}" is not a law in the repository or in this file`);
  }
  const articles = instrumentArticles(c);
  return c.result('provision', id, {
    id,
    legislation_id: lawId,
    country_iso3: law?.country ?? '',
    label: c.required('label', 100),
    summary: c.required('summary', 1000),
    sort_order: c.int('sort_order', 0),
    offence_categories: c.codes('offence_categories', CodeList.OFFENCE_CATEGORY),
    procedural_powers: c.codes('procedural_powers', CodeList.PROCEDURAL_POWER),
    cooperation_mechanisms: c.codes('cooperation_mechanisms', CodeList.COOPERATION_MECHANISM),
    cross_cutting_issues: c.codes('cross_cutting_issues', CodeList.CROSS_CUTTING_ISSUE),
    instrument_articles: articles,
    ...c.sourced(),
    synthetic: false,
    review_status: 'PUBLISHED',
  });
}
