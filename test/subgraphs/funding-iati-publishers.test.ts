import { readFile } from 'node:fs/promises';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCache } from '../../loaders/cache.js';
import type { DatabaseTarget } from '../../loaders/database.js';
import { projectPath } from '../../loaders/project-path.js';
import type { FundingTables } from '../../subgraphs/funding/funding.table.js';
import { importIati, type ImportOptions } from '../../subgraphs/funding/iati.import.js';
import { fundingSubgraph } from '../../subgraphs/funding/index.js';
import {
  partnersSubgraph,
  registerUnverifiedOrganizations,
  type PartnersTables,
} from '../../subgraphs/partners/index.js';
import { freshDatabase } from '../support/fresh-database.js';
import { startTestSubgraph, type TestSubgraph } from '../support/harness.js';
import { asViewer } from '../support/viewer.js';

// IATI files as publishers write them (issue 22, item 6), through importIati with the partners
// subgraph's registerUnverifiedOrganizations, on a database of this file's own (unverified
// organisations must not show up in what other files count).
let fresh: Awaited<ReturnType<typeof freshDatabase>>;
let funding: TestSubgraph;
let partners: TestSubgraph;
let db: Kysely<FundingTables>;
let options: ImportOptions;
const cache = new MemoryCache({ maxEntries: 10_000 });
const read = (name: string) => readFile(projectPath('docs', 'examples', name), 'utf8');
let shapes: string;
let datastore: string;

beforeAll(async () => {
  fresh = await freshDatabase('iatipub');
  const target: DatabaseTarget | undefined = fresh
    ? { kind: 'postgres', url: fresh.url }
    : undefined;
  funding = await startTestSubgraph(fundingSubgraph, { cache, target });
  partners = await startTestSubgraph(partnersSubgraph, { cache, target });
  db = funding.database.db.withSchema('funding') as Kysely<FundingTables>;
  const partnersDb = partners.database.db.withSchema('partners') as Kysely<PartnersTables>;
  options = {
    sourceName: 'example',
    cache,
    registerOrganizations: (organizations) =>
      registerUnverifiedOrganizations(partnersDb, organizations, {
        viewer: { role: 'admin', subject: 'import:iati' },
        requestId: 'test',
        cache,
      }),
  };
  shapes = await read('iati-publisher-shapes.xml');
  datastore = await read('iati-datastore-activities.json');
}, 120_000);
afterAll(async () => {
  await funding?.close();
  await partners?.close();
  await fresh?.drop();
});

/** Every row the import may write, in both schemas, as text. */
async function snapshot(): Promise<string> {
  const parts: string[] = [];
  for (const [sg, table] of [
    [funding, 'funding.project'],
    [funding, 'funding.project_participant'],
    [funding, 'funding.project_recipient_country'],
    [funding, 'funding.project_recipient_region'],
    [funding, 'funding.funding_transaction'],
    [funding, 'funding.budget'],
    [funding, 'funding.planned_disbursement'],
    [funding, 'funding.known_organization'],
    [funding, 'funding.audit_log'],
    [partners, 'partners.organization'],
    [partners, 'partners.audit_log'],
  ] as const) {
    const rows = await sql<{
      r: string;
    }>`select row_to_json(t)::text as r from ${sql.table(table)} t order by 1`.execute(
      sg.database.db,
    );
    parts.push(`${table}:${rows.rows.map((x) => x.r).join('\n')}`);
  }
  return parts.join('\n\n');
}

describe('IATI files as publishers write them', () => {
  it('a dry run reports what would change and writes nothing', async () => {
    const before = await snapshot();
    const report = await importIati(db, shapes, { ...options, dryRun: true });
    expect(report.dryRun).toBe(true);
    expect(report.created).toEqual(['XX-SYNTHETIC-SHAPES-001', 'XX-SYNTHETIC-SHAPES-002']);
    expect(report.unverifiedOrganizations.map((o) => o.name)).toEqual([
      'Example Foundation for Digital Safety',
      'XM-SYNTHETIC-99001',
      'Example Legal Aid Network',
    ]);
    expect(await snapshot()).toBe(before);
  });

  it('imports XML and Datastore JSON, creating organisations known only by a ref or a name as unverified', async () => {
    const xml = await importIati(db, shapes, options);
    expect(xml.created).toEqual(['XX-SYNTHETIC-SHAPES-001', 'XX-SYNTHETIC-SHAPES-002']);
    expect(xml.refused).toEqual([]);
    expect(xml.warned.flatMap((w) => w.warnings)).toEqual(
      expect.arrayContaining([
        'line 57 <transaction/value>: is zero: nothing flows, skipped',
        'line 63 <transaction-date>: 2025-02-10 is after the project ends (2024-12-31): imported, check the dates',
        'line 109 <transaction-type>: code "6" (Loan Repayment) is not a flow this repository counts: skipped',
      ]),
    );
    const json = await importIati(db, datastore, options);
    expect(json.format).toBe('datastore-json');
    expect(json.created).toEqual(['XX-SYNTHETIC-DS-001', 'XX-SYNTHETIC-DS-002']);
    const trust = json.unverifiedOrganizations.find((o) => o.ref === 'XM-SYNTHETIC-99003');
    expect(trust).toEqual({
      id: 'syn-iati-xm-synthetic-99003-dcde331b',
      name: 'Example Cyber Response Trust',
      ref: 'XM-SYNTHETIC-99003',
      at: 'response.docs[0].iati_json/iati-activity[0]/participating-org[1]',
    });
    const { data, errors } = await partners.query(
      `{ organization(id: "${trust!.id}") { name verified synthetic iatiOrgId iatiOrgType partnerCategory confidence source } }`,
    );
    expect(errors).toBeUndefined();
    expect(data?.['organization']).toEqual({
      name: 'Example Cyber Response Trust',
      verified: false,
      synthetic: true,
      iatiOrgId: 'XM-SYNTHETIC-99003',
      iatiOrgType: '21',
      partnerCategory: 'OTHER',
      confidence: 'TO_VERIFY',
      source: expect.stringContaining('iati-activity[0]/participating-org[1]'),
    });
    const curated = await partners.query(`{ organization(id: "unodc") { verified } }`);
    expect(curated.data?.['organization']).toEqual({ verified: true });
  });

  it('keeps reversals and corrections, and nets them in totals (synthetic, so only when asked)', async () => {
    const { data, errors } = await funding.query(`{
      asked: fundingSummary(groupBy: [YEAR], projectId: "iati:XX-SYNTHETIC-SHAPES-001", includeSynthetic: true) {
        groups { year spent { original { amount currency } transactionCount } }
      }
      pledged: fundingSummary(groupBy: [YEAR], projectId: "iati:XX-SYNTHETIC-SHAPES-002", includeSynthetic: true) {
        groups { year committed { original { amount currency } } }
      }
      unasked: fundingSummary(groupBy: [YEAR], projectId: "iati:XX-SYNTHETIC-SHAPES-001") {
        groups { year }
      }
    }`);
    expect(errors).toBeUndefined();
    expect(data?.['asked'].groups).toEqual([
      {
        year: 2023,
        spent: { original: [{ amount: '500000', currency: 'USD' }], transactionCount: 3 },
      },
      {
        year: 2025,
        spent: { original: [{ amount: '120000.5', currency: 'USD' }], transactionCount: 1 },
      },
    ]);
    expect(data?.['pledged'].groups).toEqual([
      { year: 2022, committed: { original: [{ amount: '750000', currency: 'EUR' }] } },
    ]);
    expect(data?.['unasked'].groups).toEqual([]);
  });

  it('changes nothing when the same files are imported again', async () => {
    const before = await snapshot();
    for (const text of [shapes, datastore]) {
      const report = await importIati(db, text, options);
      expect(report.created).toEqual([]);
      expect(report.updated).toEqual([]);
      expect(report.unverifiedOrganizations).toEqual([]);
      expect(report.unchanged).toHaveLength(2);
    }
    expect(await snapshot()).toBe(before);
  });

  it('never marks synthetic data real: a file that does not say it is synthetic cannot touch synthetic records', async () => {
    const before = await snapshot();
    const real = shapes.replace(' crg:synthetic="true"', '');
    const report = await importIati(db, real, options);
    expect(report.synthetic).toBe(false);
    expect(report.refused.map((r) => r.reasons[0])).toEqual([
      'line 15 <iati-identifier>: "XX-SYNTHETIC-SHAPES-001" is synthetic in the repository; a real file cannot make it real',
      'line 70 <iati-identifier>: "XX-SYNTHETIC-SHAPES-002" is synthetic in the repository; a real file cannot make it real',
    ]);
    expect(await snapshot()).toBe(before);
  });

  it('updates a changed activity: a new reversal, a dropped planned disbursement', async () => {
    const changed = shapes.replace(
      /<planned-disbursement type="2">[\s\S]*?<\/planned-disbursement>/,
      `<transaction ref="SH-002-C1-CORR2"><transaction-type code="11"/><transaction-date iso-date="2023-02-01"/><value value-date="2023-02-01">-50000</value><provider-org ref="XI-IATI-EC_FPI"/></transaction>`,
    );
    const report = await importIati(db, changed, options);
    expect(report.updated).toEqual(['XX-SYNTHETIC-SHAPES-002']);
    expect(report.unchanged).toEqual(['XX-SYNTHETIC-SHAPES-001']);
    const planned = await db
      .selectFrom('planned_disbursement')
      .select(['type', 'archived'])
      .where('project_id', '=', 'iati:XX-SYNTHETIC-SHAPES-002')
      .orderBy('type')
      .execute();
    expect(planned).toEqual([
      { type: 'ORIGINAL', archived: false },
      { type: 'REVISED', archived: true },
    ]);
    const { data } = await funding.query(`{
      fundingSummary(groupBy: [YEAR], projectId: "iati:XX-SYNTHETIC-SHAPES-002", includeSynthetic: true) {
        groups { year committed { original { amount currency } } }
      }
    }`);
    // A year holding only a correction shows it as it is: negative.
    expect(data?.['fundingSummary'].groups).toEqual([
      { year: 2022, committed: { original: [{ amount: '750000', currency: 'EUR' }] } },
      { year: 2023, committed: { original: [{ amount: '-50000', currency: 'EUR' }] } },
    ]);
  });
});

describe('recipient regions in the split by country', () => {
  it('gives the share of a recipient region to no country, never dropping it', async () => {
    // XX-SYNTHETIC-SHAPES-002: Ghana 40 %, Senegal 40 %, region 298 (Africa, regional) 20 %.
    const { data, errors } = await funding.query(`{
      fundingSummary(groupBy: [RECIPIENT_COUNTRY], projectId: "iati:XX-SYNTHETIC-SHAPES-002", includeSynthetic: true) {
        groups { recipientCountry { iso3 } committed { original { amount currency } } }
      }
    }`);
    expect(errors).toBeUndefined();
    expect(data?.['fundingSummary'].groups).toEqual([
      {
        recipientCountry: { iso3: 'GHA' },
        committed: { original: [{ amount: '280000', currency: 'EUR' }] },
      },
      {
        recipientCountry: { iso3: 'SEN' },
        committed: { original: [{ amount: '280000', currency: 'EUR' }] },
      },
      { recipientCountry: null, committed: { original: [{ amount: '140000', currency: 'EUR' }] } },
    ]);
  });
});

describe('verifying an organisation an import created', () => {
  it('lets an editor mark it verified, audited; a partner may not', async () => {
    const id = 'syn-iati-xm-synthetic-99003-dcde331b';
    const mutation = `mutation { updateOrganization(id: "${id}", input: { verified: true }) { id verified } }`;
    const partner = await partners.query(
      mutation,
      undefined,
      asViewer({ role: 'partner', organizationId: id }),
    );
    expect(partner.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const editor = await partners.query(mutation, undefined, asViewer({ role: 'editor' }));
    expect(editor.errors).toBeUndefined();
    expect(editor.data?.['updateOrganization']).toEqual({ id, verified: true });
    const audit = await partners.database.db
      .withSchema('partners')
      .selectFrom('audit_log' as never)
      .select(['action' as never])
      .where('entity_id' as never, '=', id as never)
      .orderBy('id' as never)
      .execute();
    expect(audit).toEqual([{ action: 'IMPORT_CREATE_UNVERIFIED' }, { action: 'UPDATE' }]);
  });
});
