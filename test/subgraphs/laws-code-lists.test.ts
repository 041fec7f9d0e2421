import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCache } from '../../loaders/cache.js';
import type { TestSubgraph } from '../support/harness.js';
import { lawsSeedRows, startLawsSubgraph } from '../support/laws.js';

// The laws subgraph's code lists: offence schemes and their cross-walk, procedural powers,
// cooperation mechanisms, cross-cutting issues and crime types, each counted from its seed file.

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await startLawsSubgraph({ cache: new MemoryCache({ maxEntries: 10_000 }) });
});
afterAll(() => subgraph?.close());

const codes = (list: { code: string }[]) => list.map((entry) => entry.code).sort();

/** The codes of a laws seed file (subgraphs/laws/seed/<file>.csv), optionally of some rows. */
async function seededCodes(
  file: string,
  which: (row: Record<string, string | null>) => boolean = () => true,
): Promise<string[]> {
  return (await lawsSeedRows(file))
    .filter(which)
    .map((row) => row['code'] ?? '')
    .sort();
}

describe('laws: code lists', () => {
  it('holds the four offence schemes and cross-walks them by concept', async () => {
    const { data, errors } = await subgraph.query(`{
      all: offenceCategories { code }
      budapest: offenceCategories(scheme: BUDAPEST) { code }
      access: offenceCategories(concept: "ILLEGAL_ACCESS") { code scheme confidence }
      bc2: offenceCategory(code: "BC-2") { title article instrumentCode equivalents { code scheme } }
      powers: proceduralPowers { code }
      production: proceduralPowers { code articles { instrumentCode article confidence } }
      coop: cooperationMechanisms { code }
      issues: crossCuttingIssues { code }
      crimes: crimeTypes { code }
    }`);
    expect(errors).toBeUndefined();
    // Every entry of each code list's seed file is served, and nothing else.
    expect(codes(data?.['all'])).toEqual(await seededCodes('offence_categories'));
    expect(codes(data?.['budapest'])).toEqual(
      await seededCodes('offence_categories', (row) => row['scheme'] === 'CETS-185'),
    );
    expect(data?.['access']).toEqual([
      { code: 'BC-2', scheme: 'BUDAPEST', confidence: 'VERIFIED' },
      { code: 'UNCC-7', scheme: 'UN_CONVENTION', confidence: 'TO_VERIFY' },
      { code: 'CS13-A1', scheme: 'COMPREHENSIVE_STUDY_2013', confidence: 'TO_VERIFY' },
    ]);
    expect(data?.['bc2']).toEqual({
      title: 'Illegal access',
      article: '2',
      instrumentCode: 'CETS-185',
      equivalents: [
        { code: 'UNCC-7', scheme: 'UN_CONVENTION' },
        { code: 'CS13-A1', scheme: 'COMPREHENSIVE_STUDY_2013' },
      ],
    });
    expect(codes(data?.['powers'])).toEqual(await seededCodes('procedural_powers'));
    expect(
      (data?.['production'] as { code: string }[]).find((p) => p.code === 'PRODUCTION_ORDER'),
    ).toEqual({
      code: 'PRODUCTION_ORDER',
      articles: [
        { instrumentCode: 'CETS-185', article: '18', confidence: 'VERIFIED' },
        { instrumentCode: 'UNCC-2024', article: '27', confidence: 'TO_VERIFY' },
      ],
    });
    expect(codes(data?.['coop'])).toEqual(await seededCodes('cooperation_mechanisms'));
    expect(codes(data?.['issues'])).toEqual(await seededCodes('cross_cutting_issues'));
    expect(codes(data?.['crimes'])).toEqual(await seededCodes('crime_types'));
  });

  it('returns NOT_FOUND naming an unknown offence category', async () => {
    const { errors } = await subgraph.query(`{ offenceCategory(code: "BC-99") { code } }`);
    expect(errors?.[0]?.extensions).toMatchObject({
      code: 'NOT_FOUND',
      type: 'OffenceCategory',
      key: 'BC-99',
      field: 'code',
    });
  });

  it('resolves every code list entity by its code for other subgraphs, null when unknown', async () => {
    const { data, errors } = await subgraph.query(
      `query($r: [_Any!]!) { _entities(representations: $r) {
        ... on OffenceCategory { code title }
        ... on ProceduralPower { code title }
        ... on CrimeType { code label }
      } }`,
      {
        r: [
          { __typename: 'OffenceCategory', code: 'UNCC-7' },
          { __typename: 'ProceduralPower', code: 'SCOPE' },
          { __typename: 'CrimeType', code: 'CORRUPTION' },
          { __typename: 'OffenceCategory', code: 'NOPE' },
        ],
      },
    );
    expect(errors).toBeUndefined();
    expect(data?.['_entities']).toEqual([
      { code: 'UNCC-7', title: 'Illegal access' },
      { code: 'SCOPE', title: 'Scope of procedural provisions / measures' },
      { code: 'CORRUPTION', label: 'Corruption' },
      null,
    ]);
  });
});
