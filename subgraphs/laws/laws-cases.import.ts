import { CodeList } from './code-list.entity.js';
import {
  list,
  RECORD_ID,
  type CheckedRecord,
  type ImportProblem,
  type RecordChecker,
} from './laws-check.import.js';
import type { NewCaseLawRow, NewLessonLearnedRow } from './laws.table.js';

// Import records of court decisions and lessons learned: checked, then the rows they write
// (published at once: an import is an editor's act).

type CheckedCase = CheckedRecord<'case', NewCaseLawRow>;
type CheckedLesson = CheckedRecord<'lesson', NewLessonLearnedRow>;

const ID_HINT = 'a stable id of letters, digits and . _ : -';
const DOCUMENT_TYPES = ['CYBERCRIME_PLAN', 'CYBERSECURITY_STRATEGY', 'REPORT', 'OTHER'];

export function checkCaseRecord(c: RecordChecker): CheckedCase | ImportProblem[] {
  const id = c.id(RECORD_ID, ID_HINT);
  return c.result('case', id, {
    id,
    country_iso3s: c.states('country_iso3', true),
    court: c.required('court', 500),
    jurisdiction_level: c.oneOf('jurisdiction_level', ['NATIONAL', 'REGIONAL'], true) ?? '',
    case_name: c.required('case_name', 500),
    case_number: c.text('case_number', false, 200),
    decision_date: c.date('decision_date'),
    year: c.year('year'),
    crime_types: c.codes('crime_types', CodeList.CRIME_TYPE),
    offence_categories: c.codes('offence_categories', CodeList.OFFENCE_CATEGORY),
    cross_cutting_issues: c.codes('cross_cutting_issues', CodeList.CROSS_CUTTING_ISSUE),
    legislation_ids: c.laws('legislation_ids'),
    fact_summary: c.required('fact_summary'),
    ...c.sourced(),
    licence: c.text('licence', false, 500),
    review_status: 'PUBLISHED',
  });
}

export function checkLessonRecord(c: RecordChecker): CheckedLesson | ImportProblem[] {
  const id = c.id(RECORD_ID, ID_HINT);
  return c.result('lesson', id, {
    id,
    country_iso3: c.states('country_iso3', false)[0] ?? null,
    title: c.required('title', 500),
    document_type: c.oneOf('document_type', DOCUMENT_TYPES, true) ?? '',
    year: c.year('year'),
    published_on: c.date('published_on'),
    issuing_body: c.text('issuing_body', false, 500),
    categories: list(c.text('categories', false, 2000)),
    crime_types: c.codes('crime_types', CodeList.CRIME_TYPE),
    offence_categories: c.codes('offence_categories', CodeList.OFFENCE_CATEGORY),
    summary: c.required('summary'),
    ...c.sourced(),
    licence: c.text('licence', false, 500),
    review_status: 'PUBLISHED',
  });
}
