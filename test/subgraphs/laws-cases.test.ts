import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCache } from '../../loaders/cache.js';
import { lawsSubgraph, type LawsTables } from '../../subgraphs/laws/index.js';
import { clientErrors } from '../support/client-errors.js';
import { startTestSubgraph, type TestSubgraph } from '../support/harness.js';
import { asViewer } from '../support/viewer.js';

// Case law and lessons learned on the laws subgraph: filters, full-text search and pages over
// the seeded real records, and the write path (editors write; focal points propose, editors
// review), on PostgreSQL when DATABASE_URL is set and on embedded PGlite otherwise.

let subgraph: TestSubgraph;
const lawsDb = () =>
  (subgraph.database.db as unknown as Kysely<LawsTables>).withSchema(lawsSubgraph.dbSchema);
const EDITOR = asViewer({ role: 'editor', subject: 'editor-cases' });
const FOCAL_KEN = asViewer({ role: 'state_focal_point', subject: 'fp-ken', countryIso3: 'KEN' });
const FOCAL_UGA = asViewer({ role: 'state_focal_point', subject: 'fp-uga', countryIso3: 'UGA' });
const SOURCE = 'test: laws-cases (test-only record, not a real decision)';

beforeAll(async () => {
  subgraph = await startTestSubgraph(lawsSubgraph, {
    cache: new MemoryCache({ maxEntries: 10_000 }),
  });
});
afterAll(() => subgraph?.close());

type Page = { totalCount: number; ids: string[]; snippets: (string | null)[]; end: string | null };

async function searchCases(
  variables: Record<string, unknown>,
  headers?: Record<string, string>,
): Promise<Page> {
  const { data, errors } = await subgraph.query(
    `query($text: String, $filter: CaseLawFilter, $first: Int, $after: String) {
      searchCases(text: $text, filter: $filter, first: $first, after: $after) {
        totalCount pageInfo { hasNextPage endCursor }
        edges { node { snippet caseLaw { id } } }
      }
    }`,
    variables,
    headers,
  );
  expect(errors).toBeUndefined();
  const page = data?.['searchCases'];
  return {
    totalCount: page.totalCount,
    ids: page.edges.map((e: any) => e.node.caseLaw.id).sort(),
    snippets: page.edges.map((e: any) => e.node.snippet),
    end: page.pageInfo.endCursor,
  };
}

async function searchLessons(variables: Record<string, unknown>, headers?: Record<string, string>) {
  const { data, errors } = await subgraph.query(
    `query($text: String, $filter: LessonLearnedFilter) {
      searchLessons(first: 100, text: $text, filter: $filter) {
        totalCount edges { node { snippet lesson { id } } }
      }
    }`,
    variables,
    headers,
  );
  expect(errors).toBeUndefined();
  const page = data?.['searchLessons'];
  return {
    totalCount: page.totalCount as number,
    ids: page.edges.map((e: any) => e.node.lesson.id as string).sort(),
  };
}

describe('laws: filters and full-text search over case law', () => {
  it('filters cases by State, M49 region, offence category, crime type and years', async () => {
    expect((await searchCases({ filter: { countryIso3s: ['PHL'] } })).ids).toEqual([
      'PHL-SC-2014-DISINI',
    ]);
    // Europe (150): Finland, Ireland and Austria, Slovenia.
    expect((await searchCases({ filter: { region: '150' } })).ids).toEqual([
      'CJEU-2014-DIGITAL-RIGHTS-IRELAND',
      'ECHR-2008-KU-FIN',
      'ECHR-2018-BENEDIK-SVN',
    ]);
    // Eastern Africa (014) within Africa (before 2024: the write tests below add cases of 2024).
    expect((await searchCases({ filter: { region: '014', toYear: 2023 } })).ids).toEqual([
      'KEN-HC-2020-BAKE',
    ]);
    expect((await searchCases({ filter: { offenceCategory: 'BC-2', toYear: 2023 } })).ids).toEqual([
      'PHL-SC-2014-DISINI',
      'USA-SC-2021-VAN-BUREN',
    ]);
    const cyber = await searchCases({ filter: { crimeType: 'CYBERCRIME' } });
    expect(cyber.totalCount).toBeGreaterThanOrEqual(7);
    expect(
      (await searchCases({ filter: { crimeType: 'CYBERCRIME', fromYear: 2014, toYear: 2015 } }))
        .ids,
    ).toEqual([
      'CJEU-2014-DIGITAL-RIGHTS-IRELAND',
      'IND-SC-2015-SHREYA-SINGHAL',
      'PHL-SC-2014-DISINI',
    ]);
    expect((await searchCases({ filter: { region: '150', offenceCategory: 'BC-9' } })).ids).toEqual(
      ['ECHR-2018-BENEDIK-SVN'],
    );
  });

  it('finds cases by full-text search, ranked, with HTML-safe snippets', async () => {
    const found = await searchCases({ text: 'authorized access' });
    expect(found.ids).toContain('USA-SC-2021-VAN-BUREN');
    expect(found.snippets.join(' ')).toContain('<mark>');
    expect((await searchCases({ text: 'section 66A' })).ids).toEqual([
      'IND-SC-2015-SHREYA-SINGHAL',
    ]);
    // Combined with a filter: text and region must both hold.
    expect((await searchCases({ text: 'private life', filter: { region: '019' } })).ids).toEqual(
      [],
    );
    expect((await searchCases({ text: 'nothingmatchesthisword' })).totalCount).toBe(0);
  });

  it('pages with keyset cursors, each record once', async () => {
    const all = await searchCases({ first: 500 });
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 20; i++) {
      const page: Page = await searchCases({ first: 3, after });
      seen.push(...page.ids);
      after = page.end;
      if (!after || page.ids.length < 3) {
        break;
      }
    }
    expect(seen.sort()).toEqual(all.ids);
    expect(all.totalCount).toBe(all.ids.length);
  });

  it('refuses bad filters, naming the field', async () => {
    const bad = await subgraph.query(
      `{ searchCases(text: "  ", filter: { fromYear: 1700, toYear: 2000, countryIso3s: [] }) { totalCount } }`,
    );
    expect(clientErrors(bad)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "BAD_USER_INPUT",
            "invalidFields": [
              {
                "field": "text",
                "message": "must not be empty; omit it to list everything",
              },
              {
                "field": "filter.countryIso3s",
                "message": "must list between 1 and 250 entries",
              },
              {
                "field": "filter.fromYear",
                "message": "must be a year between 1800 and 2100; got 1700",
              },
            ],
          },
          "message": "Invalid input. text: must not be empty; omit it to list everything; filter.countryIso3s: must list between 1 and 250 entries; filter.fromYear: must be a year between 1800 and 2100; got 1700",
          "path": [
            "searchCases",
          ],
        },
      ]
    `);
    const unknown = await subgraph.query(
      `{ searchCases(filter: { crimeType: "NOPE" }) { totalCount } }`,
    );
    expect(clientErrors(unknown)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "NOT_FOUND",
            "field": "filter.crimeType",
            "key": "NOPE",
            "type": "CrimeType",
          },
          "message": "No CrimeType has filter.crimeType "NOPE".",
          "path": [
            "searchCases",
          ],
        },
      ]
    `);
    const region = await subgraph.query(
      `{ searchCases(filter: { region: "999" }) { totalCount } }`,
    );
    expect(clientErrors(region)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "NOT_FOUND",
            "field": "filter.region",
            "key": "999",
            "type": "M49Region",
          },
          "message": "No M49Region has filter.region "999".",
          "path": [
            "searchCases",
          ],
        },
      ]
    `);
    const range = await subgraph.query(
      `{ searchLessons(filter: { fromYear: 2020, toYear: 2010 }) { totalCount } }`,
    );
    expect(clientErrors(range)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "BAD_USER_INPUT",
            "invalidFields": [
              {
                "field": "filter.toYear",
                "message": "ends (2010) before the range starts (2020)",
              },
            ],
          },
          "message": "Invalid input. filter.toYear: ends (2010) before the range starts (2020)",
          "path": [
            "searchLessons",
          ],
        },
      ]
    `);
  });
});

describe('laws: filters and full-text search over lessons learned', () => {
  it('filters by State, region, category and years, and searches the text', async () => {
    expect((await searchLessons({ filter: { countryIso3s: ['GBR'] } })).ids).toEqual(
      expect.arrayContaining(['GBR-CCS-2010', 'GBR-UKCSS-2011']),
    );
    // Oceania (009): Australia's two plans.
    expect((await searchLessons({ filter: { region: '009' } })).ids).toEqual([
      'AUS-NPCC-2013',
      'AUS-NPCC-2022',
    ]);
    expect(
      (await searchLessons({ filter: { region: '009', categories: ['cooperation'] } })).ids,
    ).toEqual(['AUS-NPCC-2022']);
    expect((await searchLessons({ filter: { fromYear: 2024 } })).ids).toContain('QAT-NCSS-2024');
    expect((await searchLessons({ filter: { toYear: 2010 } })).ids).toEqual(['GBR-CCS-2010']);
    expect(
      (await searchLessons({ text: 'Joint Policing Cybercrime Coordination Centre' })).ids,
    ).toEqual(['AUS-NPCC-2022']);
  });
});

describe('laws: writing case law and lessons learned', () => {
  const caseInput = (countryIso3s: string[]) => ({
    countryIso3s,
    court: 'Test-only court',
    jurisdictionLevel: 'NATIONAL',
    caseName: 'Test v. Test (not a real decision)',
    decisionDate: '2024-05-06',
    crimeTypes: ['CYBERCRIME'],
    offenceCategories: ['BC-2'],
    factSummary: 'Test-only summary on unauthorised access to a computer system.',
    source: SOURCE,
  });
  const create = (headers: Record<string, string>, input: Record<string, unknown>) =>
    subgraph.query(
      `mutation($i: CreateCaseLawInput!) { createCaseLaw(input: $i) { id reviewStatus year licence countries { iso3 } } }`,
      { i: input },
      headers,
    );
  const read = (id: string, headers?: Record<string, string>) =>
    subgraph.query(`query($id: ID!) { caseLaw(id: $id) { id reviewStatus } }`, { id }, headers);
  const review = (id: string, decision: string, headers = EDITOR) =>
    subgraph.query(
      `mutation($id: ID!, $d: ReviewStatus!) { reviewCaseLaw(id: $id, decision: $d) { id reviewStatus } }`,
      { id, d: decision },
      headers,
    );

  it('lets a focal point propose a case of its own State, hidden until an editor publishes it', async () => {
    const refused = await create(FOCAL_KEN, caseInput(['UGA']));
    expect(clientErrors(refused)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "FORBIDDEN",
            "field": "input.countryIso3s",
          },
          "message": "Forbidden: input.countryIso3s: a focal point for KEN may propose decisions concerning that State only",
          "path": [
            "createCaseLaw",
          ],
        },
      ]
    `);
    const proposed = await create(FOCAL_KEN, caseInput(['KEN']));
    expect(proposed.errors).toBeUndefined();
    const c = proposed.data?.['createCaseLaw'];
    expect(c).toMatchObject({ reviewStatus: 'PENDING_REVIEW', year: 2024, licence: null });
    // Hidden from the public and from another State's focal point, shown to its own.
    expect((await read(c.id)).errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    expect((await read(c.id, FOCAL_UGA)).errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    expect((await read(c.id, FOCAL_KEN)).data?.['caseLaw'].reviewStatus).toBe('PENDING_REVIEW');
    expect((await searchCases({ text: 'unauthorized access' })).ids).not.toContain(c.id);
    // Spelling variants: the proposal says "unauthorised"; its focal point finds it either way.
    expect((await searchCases({ text: 'unauthorized access' }, FOCAL_KEN)).ids).toContain(c.id);
    // The focal point may change its own proposal; not the State's other focal points.
    const changed = await subgraph.query(
      `mutation($id: ID!) { updateCaseLaw(id: $id, input: { caseNumber: "T-1" }) { reviewStatus } }`,
      { id: c.id },
      FOCAL_KEN,
    );
    expect(changed.data?.['updateCaseLaw'].reviewStatus).toBe('PENDING_REVIEW');
    const other = await subgraph.query(
      `mutation($id: ID!) { updateCaseLaw(id: $id, input: { caseNumber: "T-2" }) { id } }`,
      { id: c.id },
      FOCAL_UGA,
    );
    expect(clientErrors(other, { [c.id]: '<case id>' })).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "NOT_FOUND",
            "field": "id",
            "key": "<case id>",
            "type": "CaseLaw",
          },
          "message": "No CaseLaw has id "<case id>".",
          "path": [
            "updateCaseLaw",
          ],
        },
      ]
    `);
    // A focal point cannot review.
    expect((await review(c.id, 'PUBLISHED', FOCAL_KEN)).errors?.[0]?.extensions?.['code']).toBe(
      'FORBIDDEN',
    );
    expect((await review(c.id, 'PUBLISHED')).data?.['reviewCaseLaw'].reviewStatus).toBe(
      'PUBLISHED',
    );
    expect((await read(c.id)).data?.['caseLaw'].reviewStatus).toBe('PUBLISHED');
    expect((await searchCases({ text: 'unauthorized access' })).ids).toContain(c.id);
    // Published: the focal point no longer changes it; only an editor does.
    const late = await subgraph.query(
      `mutation($id: ID!) { updateCaseLaw(id: $id, input: { caseNumber: "T-3" }) { id } }`,
      { id: c.id },
      FOCAL_KEN,
    );
    expect(clientErrors(late, { [c.id]: '<case id>' })).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "FORBIDDEN",
            "field": "id",
          },
          "message": "Forbidden: id: a published record changes only through an editor’s review",
          "path": [
            "updateCaseLaw",
          ],
        },
      ]
    `);
    // Withdrawn: kept for history, hidden from the public.
    expect((await review(c.id, 'ARCHIVED')).data?.['reviewCaseLaw'].reviewStatus).toBe('ARCHIVED');
    expect((await read(c.id)).errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    // Every step audited, in one log with the writer.
    const audit = await lawsDb()
      .selectFrom('audit_log')
      .select(['action', 'actor_role'])
      .where('entity_type', '=', 'CaseLaw')
      .where('entity_id', '=', c.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => `${a.action}:${a.actor_role}`)).toEqual([
      'SUBMIT:state_focal_point',
      'UPDATE:state_focal_point',
      'PUBLISHED:editor',
      'ARCHIVED:editor',
    ]);
  });

  it('lets an editor create, change and reject directly, and refuses bad input naming each field', async () => {
    const created = await create(EDITOR, {
      ...caseInput(['KEN', 'UGA']),
      licence: 'Test licence',
      legislationIds: ['KEN-CMCA-2018'],
    });
    expect(created.errors).toBeUndefined();
    const id = created.data?.['createCaseLaw'].id as string;
    expect(created.data?.['createCaseLaw']).toMatchObject({
      reviewStatus: 'PUBLISHED',
      licence: 'Test licence',
      countries: [{ iso3: 'KEN' }, { iso3: 'UGA' }],
    });
    // Both States' lists show it (the per-State caches were purged).
    const { data } = await subgraph.query(
      `{ _entities(representations: [{ __typename: "Country", iso3: "UGA" }]) { ... on Country { cases { id } } } }`,
    );
    expect(data?.['_entities'][0].cases.map((x: { id: string }) => x.id)).toContain(id);
    const bad = await create(EDITOR, {
      ...caseInput(['KEN']),
      court: ' ',
      jurisdictionLevel: 'LOCAL',
      year: 2023,
      crimeTypes: ['BC-2'],
    });
    expect(clientErrors(bad)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "BAD_USER_INPUT",
            "invalidFields": [
              {
                "field": "input.court",
                "message": "must not be empty",
              },
              {
                "field": "input.jurisdictionLevel",
                "message": "must be one of NATIONAL, REGIONAL; got "LOCAL"",
              },
              {
                "field": "input.year",
                "message": "is not the year of input.decisionDate (2024)",
              },
              {
                "field": "input.crimeTypes",
                "message": ""BC-2" is an offence category, not a crime type",
              },
            ],
          },
          "message": "Invalid input. input.court: must not be empty; input.jurisdictionLevel: must be one of NATIONAL, REGIONAL; got "LOCAL"; input.year: is not the year of input.decisionDate (2024); input.crimeTypes: "BC-2" is an offence category, not a crime type",
          "path": [
            "createCaseLaw",
          ],
        },
      ]
    `);
    const law = await create(EDITOR, { ...caseInput(['KEN']), legislationIds: ['KEN-NOPE'] });
    expect(clientErrors(law)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "NOT_FOUND",
            "field": "input.legislationIds",
            "key": "KEN-NOPE",
            "type": "Legislation",
          },
          "message": "No Legislation has input.legislationIds "KEN-NOPE".",
          "path": [
            "createCaseLaw",
          ],
        },
      ]
    `);
    // Nothing half-written: the refused calls left no row.
    const rows = await lawsDb()
      .selectFrom('case_law')
      .select('id')
      .where('source', '=', SOURCE)
      .where('jurisdiction_level', '=', 'LOCAL')
      .execute();
    expect(rows).toEqual([]);
    const updated = await subgraph.query(
      `mutation($id: ID!) { updateCaseLaw(id: $id, input: { offenceCategories: ["BC-3"] }) { offenceCategories { code } reviewStatus } }`,
      { id },
      EDITOR,
    );
    expect(updated.data?.['updateCaseLaw']).toEqual({
      offenceCategories: [{ code: 'BC-3' }],
      reviewStatus: 'PUBLISHED',
    });
    expect((await review(id, 'PENDING_REVIEW')).errors?.[0]?.extensions?.['code']).toBe(
      'BAD_USER_INPUT',
    );
    expect((await review('NO-SUCH-CASE', 'REJECTED')).errors?.[0]?.extensions).toMatchObject({
      code: 'NOT_FOUND',
      field: 'id',
    });
  });

  it('lets a focal point propose a lesson of its own State and an editor review it', async () => {
    const input = {
      countryIso3: 'KEN',
      title: 'Test-only lesson (not a real document)',
      documentType: 'REPORT',
      year: 2024,
      categories: ['investigation'],
      crimeTypes: ['CYBERCRIME'],
      summary: 'Test-only summary on electronic evidence.',
      source: SOURCE,
    };
    const regional = await subgraph.query(
      `mutation($i: CreateLessonLearnedInput!) { createLessonLearned(input: $i) { id } }`,
      { i: { ...input, countryIso3: null } },
      FOCAL_KEN,
    );
    expect(clientErrors(regional)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "FORBIDDEN",
            "field": "input.countryIso3",
          },
          "message": "Forbidden: input.countryIso3: a focal point for KEN may propose sources of that State only",
          "path": [
            "createLessonLearned",
          ],
        },
      ]
    `);
    const proposed = await subgraph.query(
      `mutation($i: CreateLessonLearnedInput!) { createLessonLearned(input: $i) { id reviewStatus crimeTypes { code } } }`,
      { i: input },
      FOCAL_KEN,
    );
    expect(proposed.errors).toBeUndefined();
    const id = proposed.data?.['createLessonLearned'].id as string;
    expect(proposed.data?.['createLessonLearned']).toMatchObject({
      reviewStatus: 'PENDING_REVIEW',
      crimeTypes: [{ code: 'CYBERCRIME' }],
    });
    const filter = { countryIso3s: ['KEN'], crimeType: 'CYBERCRIME' };
    expect((await searchLessons({ filter })).ids).not.toContain(id);
    expect((await searchLessons({ filter }, FOCAL_KEN)).ids).toContain(id);
    const rejected = await subgraph.query(
      `mutation($id: ID!) { reviewLessonLearned(id: $id, decision: REJECTED) { reviewStatus } }`,
      { id },
      EDITOR,
    );
    expect(rejected.data?.['reviewLessonLearned'].reviewStatus).toBe('REJECTED');
    expect(
      (await subgraph.query(`query($id: ID!) { lessonLearned(id: $id) { id } }`, { id }))
        .errors?.[0]?.extensions?.['code'],
    ).toBe('NOT_FOUND');
    // A rejected proposal may be changed by its State and goes back to review.
    const again = await subgraph.query(
      `mutation($id: ID!) { updateLessonLearned(id: $id, input: { documentType: "OTHER" }) { reviewStatus } }`,
      { id },
      FOCAL_KEN,
    );
    expect(again.data?.['updateLessonLearned'].reviewStatus).toBe('PENDING_REVIEW');
    const bad = await subgraph.query(
      `mutation($id: ID!) { updateLessonLearned(id: $id, input: { documentType: "BLOG", publishedOn: "2020-01-01", year: 2021 }) { id } }`,
      { id },
      EDITOR,
    );
    expect(clientErrors(bad)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "BAD_USER_INPUT",
            "invalidFields": [
              {
                "field": "input.documentType",
                "message": "must be one of CYBERCRIME_PLAN, CYBERSECURITY_STRATEGY, REPORT, OTHER; got "BLOG"",
              },
              {
                "field": "input.year",
                "message": "is not the year of input.publishedOn (2020)",
              },
            ],
          },
          "message": "Invalid input. input.documentType: must be one of CYBERCRIME_PLAN, CYBERSECURITY_STRATEGY, REPORT, OTHER; got "BLOG"; input.year: is not the year of input.publishedOn (2020)",
          "path": [
            "updateLessonLearned",
          ],
        },
      ]
    `);
  });
});

describe('laws: region filters on treaty participation', () => {
  it('narrows participations to an M49 region, and refuses an unknown one', async () => {
    const { data, errors } = await subgraph.query(`{
      all: participations(filter: { instrument: "CETS-185" }) { participant { ... on Country { iso3 } } }
      africa: participations(filter: { instrument: "CETS-185", region: "002" }) { participant { ... on Country { iso3 } } }
      instrument(code: "CETS-185") { participations(region: "002", status: PARTY) { participant { ... on Country { iso3 } } } }
    }`);
    expect(errors).toBeUndefined();
    const africa = (data?.['africa'] as { participant: { iso3: string } }[]).map(
      (p) => p.participant.iso3,
    );
    expect(africa.length).toBeGreaterThan(0);
    expect(africa.length).toBeLessThan(data?.['all'].length);
    const inAfrica = await lawsDb()
      .selectFrom('state_area')
      .select('iso3')
      .where('region_m49', '=', '002')
      .execute();
    const african = new Set(inAfrica.map((r) => r.iso3));
    expect(africa.every((iso3) => african.has(iso3))).toBe(true);
    expect(africa).toEqual(expect.arrayContaining(['SEN', 'MAR']));
    const parties = data?.['instrument'].participations.map((p: any) => p.participant.iso3);
    expect(parties.every((iso3: string) => african.has(iso3))).toBe(true);
    const unknown = await subgraph.query(
      `{ participations(filter: { instrument: "CETS-185", region: "999" }) { id } }`,
    );
    expect(clientErrors(unknown)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "NOT_FOUND",
            "field": "filter.region",
            "key": "999",
            "type": "M49Region",
          },
          "message": "No M49Region has filter.region "999".",
          "path": [
            "participations",
          ],
        },
      ]
    `);
  });
});
