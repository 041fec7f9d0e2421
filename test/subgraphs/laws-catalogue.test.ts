import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCache } from '../../loaders/cache.js';
import { lawsSubgraph, type LawsTables } from '../../subgraphs/laws/index.js';
import { startTestSubgraph, type TestSubgraph } from '../support/harness.js';
import { as } from '../support/viewer.js';

let subgraph: TestSubgraph;
const lawsDb = () =>
  (subgraph.database.db as unknown as Kysely<LawsTables>).withSchema(lawsSubgraph.dbSchema);
const ATTRIBUTION = 'Source: UN Trade and Development (UNCTAD), Global Cyberlaw Tracker';

beforeAll(async () => {
  subgraph = await startTestSubgraph(lawsSubgraph, {
    cache: new MemoryCache({ maxEntries: 10_000 }),
  });
});
afterAll(() => subgraph?.close());

type Hit = { legislation: Record<string, unknown> };

async function searchLaws(variables: Record<string, unknown>): Promise<{
  totalCount: number;
  ids: string[];
}> {
  const { data, errors } = await subgraph.query(
    `query($text: String, $filter: LawSearchFilter) {
      searchLegislation(first: 100, text: $text, filter: $filter) {
        totalCount edges { node { legislation { id } } }
      }
    }`,
    variables,
  );
  expect(errors).toBeUndefined();
  const page = data?.['searchLegislation'] as { totalCount: number; edges: { node: Hit }[] };
  return {
    totalCount: page.totalCount,
    ids: page.edges.map((e) => e.node.legislation['id'] as string),
  };
}

describe('laws: the UNCTAD catalogue', () => {
  it('counts at least 200 real laws in at least 170 countries', async () => {
    const { data, errors } = await subgraph.query(`{
      all: searchLegislation(first: 1) { totalCount }
      catalogue: searchLegislation(first: 1, filter: { kinds: [CATALOGUE_ENTRY] }) { totalCount }
      curated: searchLegislation(first: 1, filter: { kinds: [CURATED] }) { totalCount }
    }`);
    expect(errors).toBeUndefined();
    expect(data?.['all'].totalCount).toBeGreaterThanOrEqual(200);
    // 215 entries, 22 of which are the same law as a curated record (catalogue_matches.csv);
    // editors promote entries to curated records (below), so the split moves, not the sum.
    expect(data?.['catalogue'].totalCount).toBeLessThanOrEqual(193);
    expect(data?.['curated'].totalCount).toBeGreaterThanOrEqual(30);
    expect(data?.['catalogue'].totalCount + data?.['curated'].totalCount).toBe(
      data?.['all'].totalCount,
    );
    const rows = await lawsDb()
      .selectFrom('legislation')
      .select((eb) => eb.fn.count<string>('country_iso3').distinct().as('countries'))
      .where('synthetic', '=', false)
      .where('review_status', '=', 'PUBLISHED')
      .executeTakeFirstOrThrow();
    expect(Number(rows.countries)).toBeGreaterThanOrEqual(170);
  });

  it('keeps an entry as listed, with no invented type, status or dates, and shows the attribution', async () => {
    const { data, errors } = await subgraph.query(`{
      _entities(representations: [{ __typename: "Legislation", id: "UNCTAD-AGO-1" }]) {
        ... on Legislation { id title kind type status year adoptedOn inForceOn originalLanguage
          documentUrl licence attribution confidence
          catalogueListing { ref titleAsListed url attribution } }
      }
    }`);
    expect(errors).toBeUndefined();
    expect(data?.['_entities'][0]).toEqual({
      id: 'UNCTAD-AGO-1',
      title: 'Codigo Penal Republica de Angola, 2020 (In Portuguese)',
      kind: 'CATALOGUE_ENTRY',
      type: null,
      status: 'UNKNOWN',
      year: null,
      adoptedOn: null,
      inForceOn: null,
      originalLanguage: 'pt',
      documentUrl: 'https://www.wipo.int/edocs/lexdocs/laws/pt/ao/ao026pt.pdf',
      licence: expect.stringContaining('freely quoted'),
      attribution: ATTRIBUTION,
      confidence: 'VERIFIED',
      catalogueListing: {
        ref: 'UNCTAD:AGO:1',
        titleAsListed: 'Codigo Penal Republica de Angola, 2020 (In Portuguese)',
        url: 'https://www.wipo.int/edocs/lexdocs/laws/pt/ao/ao026pt.pdf',
        attribution: ATTRIBUTION,
      },
    });
  });

  it('lets the curated record of the same law win, with the listing as its second source', async () => {
    const { data } = await subgraph.query(`{
      _entities(representations: [{ __typename: "Country", iso3: "GBR" }]) {
        ... on Country { legislation { id kind type catalogueListing { ref titleAsListed } } }
      }
    }`);
    expect(data?.['_entities'][0].legislation).toEqual([
      {
        id: 'GBR-CMA-1990',
        kind: 'CURATED',
        type: 'ACT',
        catalogueListing: { ref: 'UNCTAD:GBR:1', titleAsListed: 'The Computer Misuse Act of 1990' },
      },
    ]);
  });

  it('lets an editor promote a catalogue entry to a curated record, audited', async () => {
    const PROMOTE = `mutation($id: ID!, $input: PromoteCatalogueEntryInput!) {
      promoteCatalogueEntry(id: $id, input: $input) {
        id kind type status source catalogueListing { ref } } }`;
    const input = {
      type: 'CODE',
      status: 'IN_FORCE',
      source: 'test: test/subgraphs/laws-catalogue.test.ts',
    };
    // An entry still in the catalogue (a database kept between runs has promoted earlier ones).
    const pick = await searchLaws({
      filter: { kinds: ['CATALOGUE_ENTRY'], countryIso3s: ['ZWE', 'ZMB', 'YEM', 'VNM', 'UZB'] },
    });
    const id = pick.ids[0];
    expect(id).toMatch(/^UNCTAD-/);
    const denied = await subgraph.query(PROMOTE, { id, input });
    expect(denied.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    const { data, errors } = await subgraph.query(PROMOTE, { id, input }, as.editor);
    expect(errors).toBeUndefined();
    expect(data?.['promoteCatalogueEntry']).toEqual({
      id,
      kind: 'CURATED',
      type: 'CODE',
      status: 'IN_FORCE',
      source: input.source,
      catalogueListing: { ref: `UNCTAD:${id!.slice(7, 10)}:${id!.slice(11)}` },
    });
    const again = await subgraph.query(PROMOTE, { id, input }, as.editor);
    expect(again.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    const audit = await lawsDb()
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('entity_id', '=', id!)
      .execute();
    expect(audit).toEqual([{ action: 'PROMOTE', entity_id: id }]);
  });
});

describe('laws: search as practitioners type it', () => {
  it('matches British and American spellings both ways', async () => {
    const british = await searchLaws({ text: 'unauthorised access' });
    const american = await searchLaws({ text: 'unauthorized access' });
    expect(british.ids).toContain('JPN-ACT128-1999'); // "Unauthorized Computer Access"
    expect(american.ids).toContain('JPN-ACT128-1999');
    expect(new Set(british.ids)).toEqual(new Set(american.ids));
  });

  it('finds illegal-access laws and provisions for "hacking"', async () => {
    const laws = await searchLaws({ text: 'hacking' });
    expect(laws.ids).toEqual(expect.arrayContaining(['GBR-CMA-1990', 'JPN-ACT128-1999']));
    const { data } = await subgraph.query(`{
      searchProvisions(first: 50, text: "hacking") { edges { node { provision { id } } } }
    }`);
    const ids = (data?.['searchProvisions'].edges as { node: { provision: { id: string } } }[]).map(
      (e) => e.node.provision.id,
    );
    expect(ids).toContain('GBR-CMA-1990-s1');
  });

  it('ignores accents: "delitos informaticos" finds "Delitos Informáticos"', async () => {
    const result = await searchLaws({ text: 'delitos informaticos' });
    expect(result.ids).toContain('PER-L30096-2013');
    const accented = await searchLaws({ text: 'crímenes' });
    expect(accented.ids).toContain('DOM-L53-07');
  });

  it('filters by region and by the language the title names', async () => {
    const { data } = await subgraph.query(`{
      searchLegislation(first: 100, filter: { region: "002", languages: ["fr"] }) {
        totalCount edges { node { legislation { countryIso3 originalLanguage } } } } }`);
    const french = data?.['searchLegislation'] as {
      totalCount: number;
      edges: { node: { legislation: { countryIso3: string; originalLanguage: string } } }[];
    };
    expect(french.totalCount).toBeGreaterThan(3);
    for (const { node } of french.edges) {
      expect(node.legislation.originalLanguage).toBe('fr');
    }
    expect(french.edges.map((e) => e.node.legislation.countryIso3)).toContain('SEN');
    const westernAfrica = await searchLaws({ filter: { region: '011' } });
    expect(westernAfrica.ids).toEqual(expect.arrayContaining(['NGA-CPPA-2015', 'SEN-L2008-11']));
    expect(westernAfrica.ids).not.toContain('KEN-CMCA-2018');
    const bad = await subgraph.query(
      `{ searchLegislation(filter: { region: "999" }) { totalCount } }`,
    );
    expect(bad.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    const badLanguage = await subgraph.query(
      `{ searchLegislation(filter: { languages: ["French"] }) { totalCount } }`,
    );
    expect(badLanguage.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });

  it('says "law exists, provisions not yet recorded" where no provision is recorded', async () => {
    const { data, errors } = await subgraph.query(`{
      _entities(representations: [
        { __typename: "Country", iso3: "GHA" }, { __typename: "Country", iso3: "GBR" },
        { __typename: "Country", iso3: "COL" }, { __typename: "Country", iso3: "NAM" }
      ]) { ... on Country { iso3 legalCoverage(scheme: BUDAPEST) { state lawOnRecord unctadCybercrimeStatus } } }
    }`);
    expect(errors).toBeUndefined();
    expect(data?.['_entities']).toEqual([
      {
        // Ghana: laws on record, no provision recorded (Kenya, the State other files write
        // provisions for, would depend on the order files run in).
        iso3: 'GHA',
        legalCoverage: {
          state: 'NO_PROVISIONS_RECORDED',
          lawOnRecord: 'LAW_EXISTS_PROVISIONS_NOT_RECORDED',
          unctadCybercrimeStatus: 'LEGISLATION',
        },
      },
      {
        iso3: 'GBR',
        legalCoverage: {
          state: expect.any(String),
          lawOnRecord: 'PROVISIONS_RECORDED',
          unctadCybercrimeStatus: 'LEGISLATION',
        },
      },
      {
        iso3: 'COL',
        legalCoverage: {
          state: 'NO_PROVISIONS_RECORDED',
          lawOnRecord: 'LAW_EXISTS_PROVISIONS_NOT_RECORDED',
          unctadCybercrimeStatus: 'LEGISLATION',
        },
      },
      {
        iso3: 'NAM',
        legalCoverage: {
          state: 'NO_PROVISIONS_RECORDED',
          lawOnRecord: expect.any(String),
          unctadCybercrimeStatus: 'DRAFT_LEGISLATION',
        },
      },
    ]);
  });
});

describe('laws: treaty actions as history', () => {
  const RECORD = `mutation($input: RecordTreatyActionInput!) {
    recordTreatyAction(input: $input) { id action date origin confidence participantCode } }`;
  const AT = `query($asOf: Date, $region: M49Code) {
    treatyParticipation(instrument: "CETS-185", asOf: $asOf, region: $region) {
      asOf parties signatories consentsCounted unknownOnDate
      participants { participantCode status since by knownAsOf countsTowardsEntryIntoForce }
    } }`;
  type Report = {
    parties: number;
    participants: { participantCode: string; status: string; since: string | null; by: string }[];
  };
  const at = async (asOf: string | null, region?: string) => {
    const { data, errors } = await subgraph.query(AT, { asOf, region });
    expect(errors).toBeUndefined();
    return data?.['treatyParticipation'] as Report;
  };
  const find = (r: Report, code: string) => r.participants.find((p) => p.participantCode === code);

  it('computes the status on a date from the dated history and the undated records', async () => {
    // The United Kingdom ratified on 2011-05-25 (instrument_participation_updates.csv).
    expect(find(await at('2011-05-24'), 'GBR')?.status).not.toBe('PARTY');
    expect(find(await at('2011-05-25'), 'GBR')).toMatchObject({
      status: 'PARTY',
      since: '2011-05-25',
      by: 'RATIFICATION',
    });
    // Poland: a signatory as of 2011-06-01 (history), a Party in the current record: no downgrade.
    expect(find(await at(null), 'POL')?.status).toBe('PARTY');
    expect(find(await at('2012-01-01'), 'POL')?.status).toBe('SIGNED');
    // Rwanda acceded on 2025-01-10 (to verify).
    expect(find(await at('2025-01-09'), 'RWA')).toBeUndefined();
    expect(find(await at('2025-01-10'), 'RWA')).toMatchObject({ status: 'PARTY', by: 'ACCESSION' });
  });

  it('shows a ratification an editor records before and after its date and in the movements', async () => {
    const input = {
      instrument: 'CETS-185',
      participant: 'GRD',
      action: 'RATIFICATION',
      date: '2013-03-14',
      source: 'test: test/subgraphs/laws-catalogue.test.ts (not a real date)',
      confidence: 'TO_VERIFY',
    };
    const denied = await subgraph.query(RECORD, { input });
    expect(denied.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    const before = await at(null);
    const { data, errors } = await subgraph.query(RECORD, { input }, as.editor);
    expect(errors).toBeUndefined();
    expect(data?.['recordTreatyAction']).toMatchObject({
      action: 'RATIFICATION',
      date: '2013-03-14',
      origin: 'EDITOR',
      participantCode: 'GRD',
    });
    expect(find(await at('2013-03-13'), 'GRD')).toBeUndefined();
    expect(find(await at('2013-03-14'), 'GRD')).toMatchObject({
      status: 'PARTY',
      since: '2013-03-14',
      by: 'RATIFICATION',
    });
    // Grenada was a Party already in the current record: the count is unchanged.
    expect((await at(null)).parties).toBe(before.parties);
    const moves = await subgraph.query(`{
      treatyMovements(instrument: "CETS-185", from: "2013-01-01", to: "2013-12-31") {
        participantCode action date origin participant { ... on Country { iso3 } } } }`);
    expect(moves.errors).toBeUndefined();
    expect(moves.data?.['treatyMovements']).toContainEqual({
      participantCode: 'GRD',
      action: 'RATIFICATION',
      date: '2013-03-14',
      origin: 'EDITOR',
      participant: { iso3: 'GRD' },
    });
    const americas = await subgraph.query(`{
      treatyMovements(instrument: "CETS-185", from: "2013-01-01", to: "2013-12-31", region: "150") {
        participantCode } }`);
    expect(americas.data?.['treatyMovements']).not.toContainEqual({ participantCode: 'GRD' });
    const actionId = (data?.['recordTreatyAction'] as { id: string }).id;
    const audit = await lawsDb()
      .selectFrom('audit_log')
      .select(['entity_type', 'entity_id', 'action'])
      .where('entity_id', 'in', [actionId, 'CETS-185:GRD'])
      .execute();
    expect(audit).toContainEqual({
      entity_type: 'TreatyAction',
      entity_id: actionId,
      action: 'CREATE',
    });
    expect(audit).toContainEqual({
      entity_type: 'InstrumentParticipation',
      entity_id: 'CETS-185:GRD',
      action: 'UPDATE',
    });
  });

  it('counts the UN Convention consents towards 40 and filters by region', async () => {
    const { data, errors } = await subgraph.query(`{
      uncc: treatyParticipation(instrument: "UNCC-2024") { consentsCounted consentsNeeded signatories }
      africa: treatyParticipation(instrument: "CETS-185", region: "002") { participants { participantCode } }
    }`);
    expect(errors).toBeUndefined();
    expect(data?.['uncc']).toMatchObject({ consentsNeeded: 40, signatories: 72 });
    const africa = (data?.['africa'].participants as { participantCode: string }[]).map(
      (p) => p.participantCode,
    );
    expect(africa).toEqual(expect.arrayContaining(['GHA', 'NGA', 'SEN']));
    expect(africa).not.toContain('GBR');
  });

  it('names every invalid field of a treaty action', async () => {
    const { errors } = await subgraph.query(
      RECORD,
      {
        input: {
          instrument: 'CETS-185',
          participant: 'gb',
          action: 'STATUS_CONFIRMED',
          date: '2999-01-01',
          source: ' ',
          confidence: 'VERIFIED',
        },
      },
      as.editor,
    );
    expect(errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    const fields = (errors?.[0]?.extensions?.['invalidFields'] as { field: string }[]).map(
      (f) => f.field,
    );
    expect(fields).toEqual(
      expect.arrayContaining([
        'input.participant',
        'input.source',
        'input.date',
        'input.confirmedStatus',
      ]),
    );
    const unknown = await subgraph.query(
      RECORD,
      {
        input: {
          instrument: 'CETS-999',
          participant: 'GRD',
          action: 'SIGNATURE',
          date: '2010-01-01',
          source: 'test',
          confidence: 'TO_VERIFY',
        },
      },
      as.editor,
    );
    expect(unknown.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
  });
});
