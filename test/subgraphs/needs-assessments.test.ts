import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCache } from '../../loaders/cache.js';
import { memberStatesSubgraph } from '../../subgraphs/member-states/index.js';
import { NEEDS_ASSESSMENT_COUNT } from '../../subgraphs/member-states/needs-assessment.seed.js';
import { startTestSubgraph, type TestSubgraph } from '../support/harness.js';
import { as } from '../support/viewer.js';

let subgraph: TestSubgraph;

beforeAll(async () => {
  subgraph = await startTestSubgraph(memberStatesSubgraph, {
    cache: new MemoryCache({ maxEntries: 10_000 }),
  });
});
afterAll(() => subgraph?.close());

const RESTRICTED = `{ needsAssessments(first: 1, filter: { confidentiality: RESTRICTED, synthetic: true }, includeSynthetic: true) { edges { node { id country { iso3 } } } } }`;
const READ = `query($id: String!) { needsAssessment(id: $id) { id confidentiality findingCount findingsVisible findings { area gap severity } recommendations publicSummary } }`;

async function restrictedAssessment(): Promise<{ id: string; iso3: string }> {
  const { data } = await subgraph.query(RESTRICTED);
  const node = data?.['needsAssessments'].edges[0].node;
  return { id: node.id, iso3: node.country.iso3 };
}

describe('needs assessments', () => {
  it('seeds illustrative assessments, each flagged synthetic and saying so in its title', async () => {
    // Real assessments exist only as the API's workflow (and other test files) wrote them.
    const { data } = await subgraph.query(`{
      all: needsAssessments(first: 500, filter: { synthetic: true }) { totalCount edges { node { title synthetic source } } }
      real: needsAssessments(first: 500, filter: { synthetic: false }) { edges { node { source } } }
    }`);
    expect(data?.['all'].totalCount).toBe(NEEDS_ASSESSMENT_COUNT);
    expect(data?.['real'].edges.filter((e: any) => !/through the API/.test(e.node.source))).toEqual(
      [],
    );
    expect(
      data?.['all'].edges.every(
        (e: any) => e.node.synthetic && e.node.title.endsWith('(synthetic)'),
      ),
    ).toBe(true);
  });

  it('hides RESTRICTED findings from public, analysts and other countries’ focal points', async () => {
    const { id, iso3 } = await restrictedAssessment();
    const other = iso3 === 'KEN' ? 'NOR' : 'KEN';
    for (const headers of [{}, as.analyst, as.focalPoint(other)]) {
      const { data, errors } = await subgraph.query(READ, { id }, headers);
      expect(errors).toBeUndefined();
      expect(data?.['needsAssessment']).toMatchObject({
        id,
        confidentiality: 'RESTRICTED',
        findingsVisible: false,
        findings: null,
        recommendations: null,
      });
      expect(data?.['needsAssessment'].findingCount).toBeGreaterThan(0);
      expect(data?.['needsAssessment'].publicSummary).toMatch(/synthetic/);
    }
  });

  it('shows RESTRICTED findings to the assessed country’s focal point and to editors', async () => {
    const { id, iso3 } = await restrictedAssessment();
    for (const headers of [as.focalPoint(iso3), as.editor]) {
      const { data } = await subgraph.query(READ, { id }, headers);
      expect(data?.['needsAssessment'].findingsVisible).toBe(true);
      expect(data?.['needsAssessment'].findings.length).toBe(
        data?.['needsAssessment'].findingCount,
      );
      expect(data?.['needsAssessment'].recommendations.length).toBeGreaterThan(0);
    }
  });

  it('keeps CONFIDENTIAL findings to editors, even from the country’s focal point', async () => {
    const { data } = await subgraph.query(
      `{ needsAssessments(first: 1, filter: { confidentiality: CONFIDENTIAL, synthetic: true }, includeSynthetic: true) { edges { node { id country { iso3 } } } } }`,
    );
    const node = data?.['needsAssessments'].edges[0].node;
    const focal = await subgraph.query(READ, { id: node.id }, as.focalPoint(node.country.iso3));
    expect(focal.data?.['needsAssessment'].findings).toBeNull();
    const editor = await subgraph.query(READ, { id: node.id }, as.editor);
    expect(editor.data?.['needsAssessment'].findings).not.toBeNull();
  });

  it('lists every country’s assessments in a constant number of statements', async () => {
    const { data } = await subgraph.query(`{ countries(first: 300) { edges { node { iso3 } } } }`);
    const representations = data?.['countries'].edges.map((e: any) => ({
      __typename: 'Country',
      iso3: e.node.iso3,
    }));
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Country { needsAssessments(includeSynthetic: true) { id synthetic findingCount country { name } } } } }`;
    subgraph.resetSql();
    const few = await subgraph.query(query, { r: representations.slice(0, 10) });
    const fewStatements = subgraph.sql.length;
    expect(few.errors).toBeUndefined();
    subgraph.resetSql();
    const all = await subgraph.query(query, { r: representations });
    expect(
      all.data?.['_entities']
        .flatMap((c: any) => c.needsAssessments)
        .filter((a: any) => a.synthetic),
    ).toHaveLength(NEEDS_ASSESSMENT_COUNT);
    expect(subgraph.sql.length).toBeLessThanOrEqual(Math.max(fewStatements, 4));
  });

  it('answers NOT_FOUND for an unknown assessment and BAD_USER_INPUT for a bad cursor', async () => {
    const missing = await subgraph.query(READ, { id: 'nope' });
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', key: 'nope' });
    const cursor = await subgraph.query(`{ needsAssessments(after: "x") { totalCount } }`);
    expect(cursor.errors?.[0]?.extensions?.['invalidFields']).toEqual([
      { field: 'after', message: expect.any(String) },
    ]);
  });
});
