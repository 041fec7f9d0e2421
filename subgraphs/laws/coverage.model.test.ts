import { describe, expect, it } from 'vitest';
import { Confidence } from '../../schema/common-types.js';
import { ReviewStatus } from '../../schema/review.js';
import { CodeList, type CodeEntry } from './code-list.entity.js';
import { offenceCoverage, powerCoverage } from './coverage.model.js';
import type { LegalProvision } from './legislation.entity.js';

const entry = (code: string, concepts: string[], list = CodeList.OFFENCE_CATEGORY): CodeEntry => ({
  list,
  code,
  title: code,
  scheme: null,
  article: null,
  concepts,
  attributes: {},
  sortOrder: 0,
  source: 'test',
  confidence: Confidence.TO_VERIFY,
  notes: null,
});

const provision = (id: string, offences: string[], powers: string[] = []): LegalProvision => ({
  id,
  legislationId: 'L',
  countryIso3: 'GBR',
  label: id,
  summary: id,
  instrumentArticles: [],
  source: 'test',
  confidence: Confidence.TO_VERIFY,
  notes: null,
  synthetic: true,
  reviewStatus: ReviewStatus.PUBLISHED,
  sortOrder: 0,
  offenceCategoryCodes: offences,
  proceduralPowerCodes: powers,
  cooperationMechanismCodes: [],
  crossCuttingIssueCodes: [],
});

describe('offence coverage', () => {
  const concepts = new Map([
    ['BC-2', ['ILLEGAL_ACCESS']],
    ['UNCC-7', ['ILLEGAL_ACCESS']],
    ['CS13-B1', ['FRAUD', 'FORGERY']],
  ]);

  it('counts a provision tagged with the category as direct coverage', () => {
    const result = offenceCoverage(
      entry('BC-2', ['ILLEGAL_ACCESS']),
      [provision('a', ['BC-2'])],
      concepts,
    );
    expect(result.direct.map((p) => p.id)).toEqual(['a']);
    expect(result.viaConcept).toEqual([]);
  });

  it('counts a provision tagged in another scheme with the same concept as coverage via concept', () => {
    const result = offenceCoverage(
      entry('BC-8', ['FRAUD']),
      [provision('b', ['CS13-B1']), provision('c', ['UNCC-7'])],
      concepts,
    );
    expect(result.direct).toEqual([]);
    expect(result.viaConcept.map((p) => p.id)).toEqual(['b']);
  });

  it('does not cross-walk a category without a concept', () => {
    const result = offenceCoverage(entry('UNCC-21', []), [provision('d', ['BC-13'])], concepts);
    expect(result.direct).toEqual([]);
    expect(result.viaConcept).toEqual([]);
  });

  it('finds the provisions that provide a procedural power', () => {
    const found = powerCoverage(entry('PRODUCTION_ORDER', [], CodeList.PROCEDURAL_POWER), [
      provision('e', [], ['PRODUCTION_ORDER']),
      provision('f', [], ['SEARCH_SEIZURE']),
    ]);
    expect(found.map((p) => p.id)).toEqual(['e']);
  });
});
