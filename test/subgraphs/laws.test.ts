import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCache } from '../../loaders/cache.js';
import { DEV_IDENTITY_SECRET } from '../../loaders/config.js';
import { signViewer, VIEWER_HEADER, type Viewer } from '../../loaders/identity.js';
import { lawsSubgraph } from '../../subgraphs/laws/index.js';
import { startTestSubgraph, type TestSubgraph } from '../support/harness.js';

let subgraph: TestSubgraph;
const cache = new MemoryCache({ maxEntries: 10_000 });
const TEST_SOURCE = 'test: test/subgraphs/laws.test.ts';

const as = (viewer: Viewer) => ({ [VIEWER_HEADER]: signViewer(viewer, DEV_IDENTITY_SECRET) });
export const EDITOR = as({ role: 'editor', subject: 'editor-1' });
export const GBR_FOCAL_POINT = as({
  role: 'state_focal_point',
  subject: 'fp-gbr',
  countryIso3: 'GBR',
});

beforeAll(async () => {
  subgraph = await startTestSubgraph(lawsSubgraph, { cache });
  // Records written by earlier runs of this file (the audit log is append-only and stays).
  const db = subgraph.database.db;
  await sql`delete from laws.legal_provision where source = ${TEST_SOURCE}`.execute(db);
  await sql`delete from laws.legislation where source = ${TEST_SOURCE}`.execute(db);
});
afterAll(() => subgraph?.close());

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
    expect(data?.['all']).toHaveLength(46);
    expect(data?.['budapest']).toHaveLength(12);
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
    expect(data?.['powers']).toHaveLength(13);
    expect(
      (data?.['production'] as { code: string }[]).find((p) => p.code === 'PRODUCTION_ORDER'),
    ).toEqual({
      code: 'PRODUCTION_ORDER',
      articles: [
        { instrumentCode: 'CETS-185', article: '18', confidence: 'VERIFIED' },
        { instrumentCode: 'UNCC-2024', article: '27', confidence: 'TO_VERIFY' },
      ],
    });
    expect(data?.['coop']).toHaveLength(24);
    expect(data?.['issues']).toHaveLength(17);
    expect(data?.['crimes']).toHaveLength(15);
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
});

describe('laws: instruments and participation', () => {
  it('counts the UN Convention consents against the 40 needed, not counting the EU', async () => {
    const { data, errors } = await subgraph.query(`{
      uncc: instrument(code: "UNCC-2024") {
        shortTitle status { parties signatories consentsCounted consentsNeeded inForce }
      }
      budapest: instrument(code: "CETS-185") {
        status { parties signatories consentsCounted consentsNeeded inForce }
        offenceCategories { code }
      }
      protocol: instrument(code: "CETS-224") { parent { code } }
    }`);
    expect(errors).toBeUndefined();
    expect(data).toEqual({
      uncc: {
        shortTitle: 'UN Convention against Cybercrime (Hanoi Convention)',
        status: {
          parties: 0,
          signatories: 72,
          consentsCounted: 0,
          consentsNeeded: 40,
          inForce: false,
        },
      },
      budapest: {
        status: {
          parties: 78,
          signatories: 2,
          consentsCounted: 78,
          consentsNeeded: null,
          inForce: true,
        },
        offenceCategories: expect.arrayContaining([{ code: 'BC-2' }, { code: 'BC-13' }]),
      },
      protocol: { parent: { code: 'CETS-185' } },
    });
  });

  it('lists participants as a Country or an Organization', async () => {
    const { data, errors } = await subgraph.query(`{
      instrument(code: "UNCC-2024") {
        participations {
          participantType
          participant { __typename ... on Country { iso3 } ... on Organization { id } }
        }
      }
    }`);
    expect(errors).toBeUndefined();
    const rows = (data?.['instrument'] as { participations: Record<string, any>[] }).participations;
    expect(rows.find((r) => r['participantType'] === 'ORGANIZATION')).toEqual({
      participantType: 'ORGANIZATION',
      participant: { __typename: 'Organization', id: 'eu' },
    });
    expect(rows.find((r) => r['participantType'] === 'OBSERVER_STATE')).toEqual({
      participantType: 'OBSERVER_STATE',
      participant: { __typename: 'Country', iso3: 'PSE' },
    });
  });

  it('answers a country’s treaty participation', async () => {
    const { data, errors } = await subgraph.query(
      `query($r: [_Any!]!) { _entities(representations: $r) {
        ... on Country { iso3 treatyParticipation { instrumentCode status signedOn consentType } }
      } }`,
      { r: [{ __typename: 'Country', iso3: 'ZAF' }] },
    );
    expect(errors).toBeUndefined();
    expect(data?.['_entities']).toEqual([
      {
        iso3: 'ZAF',
        treatyParticipation: [
          {
            instrumentCode: 'CETS-185',
            status: 'SIGNED',
            signedOn: '2001-11-23',
            consentType: null,
          },
          { instrumentCode: 'UNCC-2024', status: 'SIGNED', signedOn: null, consentType: null },
        ],
      },
    ]);
  });
});
