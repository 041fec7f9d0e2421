import { readFile } from 'node:fs/promises';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCache } from '../../loaders/cache.js';
import { tagVersions } from '../../loaders/invalidation.js';
import { projectPath } from '../../loaders/project-path.js';
import type { FundingTables } from '../../subgraphs/funding/funding.table.js';
import { importIati } from '../../subgraphs/funding/iati.import.js';
import { IatiFileError } from '../../subgraphs/funding/iati.model.js';
import { fundingSubgraph } from '../../subgraphs/funding/index.js';
import { startTestSubgraph, type TestSubgraph } from '../support/harness.js';

let subgraph: TestSubgraph;
let db: Kysely<FundingTables>;
let xml: string;
const cache = new MemoryCache({ maxEntries: 10_000 });
const options = { sourceName: 'iati-activities.xml', cache };

beforeAll(async () => {
  subgraph = await startTestSubgraph(fundingSubgraph, { cache });
  await sql`drop schema if exists funding cascade`.execute(subgraph.database.db);
  await subgraph.close();
  subgraph = await startTestSubgraph(fundingSubgraph, { cache });
  db = subgraph.database.db.withSchema('funding') as Kysely<FundingTables>;
  xml = await readFile(projectPath('test', 'fixtures', 'iati-activities.xml'), 'utf8');
});
afterAll(() => subgraph?.close());

/** Every row of every table the import writes, as text: equal snapshots mean nothing changed. */
async function snapshot(): Promise<string> {
  const tables = [
    'project',
    'project_participant',
    'project_recipient_country',
    'funding_transaction',
    'budget',
    'audit_log',
  ];
  const parts: string[] = [];
  for (const table of tables) {
    const rows = await sql<{
      r: string;
    }>`select row_to_json(t)::text as r from ${sql.table(`funding.${table}`)} t order by 1`.execute(
      subgraph.database.db,
    );
    parts.push(`${table}:${rows.rows.map((x) => x.r).join('\n')}`);
  }
  return parts.join('\n\n');
}

describe('IATI import', () => {
  it('imports the activities of an IATI 2.03 file and refuses a faulty one with every reason, by line', async () => {
    const report = await importIati(db, xml, options);
    expect(report).toEqual({
      format: 'xml',
      synthetic: true,
      dryRun: false,
      created: ['XX-SYNTHETIC-CYB-001', 'XX-SYNTHETIC-CYB-002'],
      updated: [],
      unchanged: [],
      warned: [],
      refused: [
        {
          activity: 'XX-SYNTHETIC-CYB-003',
          at: 'line 75',
          reasons: [
            'line 85 <recipient-country>: percentages must sum to 100; they sum to 90.00',
            'line 93 <transaction/value>: @currency "XYZ" is not an ISO 4217 currency code (such as "USD", "NOK", "EUR")',
          ],
        },
      ],
      unverifiedOrganizations: [],
    });
  });

  it('never half-imports: nothing of the rejected activity is written, not even its valid transaction', async () => {
    const rows = await db
      .selectFrom('project')
      .select('id')
      .where('iati_identifier', '=', 'XX-SYNTHETIC-CYB-003')
      .execute();
    expect(rows).toEqual([]);
  });

  it('serves the imported activity: participants, split, exact values with their default currency', async () => {
    const { data, errors } = await subgraph.query(`{
      project(id: "iati:XX-SYNTHETIC-CYB-001") {
        iatiIdentifier title status synthetic plannedStart plannedEnd sectors
        participatingOrgs { organization { id } role }
        recipientCountries { country { iso3 } percentage }
        budgets(includeSynthetic: true) { type status value { amount currency } }
        transactions(includeSynthetic: true) { type providerActivityId provider { id } value { amount currency valueDate } }
      }
    }`);
    expect(errors).toBeUndefined();
    expect(data?.['project']).toEqual({
      iatiIdentifier: 'XX-SYNTHETIC-CYB-001',
      title: 'Cybercrime legislation advisory services in the Sahel (synthetic)',
      status: 'IMPLEMENTATION',
      synthetic: true,
      plannedStart: '2021-01-01',
      plannedEnd: '2024-12-31',
      sectors: ['15130'],
      participatingOrgs: [
        { organization: { id: 'unodc' }, role: 'ACCOUNTABLE' },
        { organization: { id: 'ec-fpi' }, role: 'FUNDING' },
        { organization: { id: 'unodc' }, role: 'IMPLEMENTING' },
      ],
      recipientCountries: [
        { country: { iso3: 'BFA' }, percentage: '20.00' },
        { country: { iso3: 'MLI' }, percentage: '50.00' },
        { country: { iso3: 'NER' }, percentage: '30.00' },
      ],
      budgets: [
        { type: 'ORIGINAL', status: 'COMMITTED', value: { amount: '400000.00', currency: 'EUR' } },
      ],
      transactions: [
        {
          type: 'INCOMING_COMMITMENT',
          providerActivityId: 'XX-SYNTHETIC-EC-FPI-77',
          provider: { id: 'ec-fpi' },
          value: { amount: '1200000.00', currency: 'EUR', valueDate: '2021-02-15' },
        },
        {
          type: 'INCOMING_FUNDS',
          providerActivityId: 'XX-SYNTHETIC-EC-FPI-77',
          provider: { id: 'ec-fpi' },
          value: { amount: '600000.10', currency: 'EUR', valueDate: '2021-03-01' },
        },
        {
          type: 'EXPENDITURE',
          providerActivityId: null,
          provider: { id: 'unodc' },
          value: { amount: '250000.20', currency: 'USD', valueDate: '2021-12-20' },
        },
      ],
    });
  });

  it('changes nothing when the same file is imported twice', async () => {
    const before = await snapshot();
    const report = await importIati(db, xml, options);
    expect(report.created).toEqual([]);
    expect(report.updated).toEqual([]);
    expect(report.unchanged).toEqual(['XX-SYNTHETIC-CYB-001', 'XX-SYNTHETIC-CYB-002']);
    expect(await snapshot()).toBe(before);
  });

  it('updates a changed activity and archives a transaction that left the file, in one audited write', async () => {
    const changed = xml
      .replace('600000.10', '600000.30')
      .replace(/<transaction ref="SYN-001-E1">[\s\S]*?<\/transaction>/, '');
    const report = await importIati(db, changed, options);
    expect(report.updated).toEqual(['XX-SYNTHETIC-CYB-001']);
    expect(report.unchanged).toEqual(['XX-SYNTHETIC-CYB-002']);
    const { data } = await subgraph.query(
      `{ project(id: "iati:XX-SYNTHETIC-CYB-001") { transactions(includeSynthetic: true) { type value { amount } } } }`,
    );
    expect(data?.['project'].transactions).toEqual([
      { type: 'INCOMING_COMMITMENT', value: { amount: '1200000.00' } },
      { type: 'INCOMING_FUNDS', value: { amount: '600000.30' } },
    ]);
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'actor_subject'])
      .where('entity_id', '=', 'iati:XX-SYNTHETIC-CYB-001')
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'IMPORT_CREATE', actor_subject: 'import:iati' },
      { action: 'IMPORT_UPDATE', actor_subject: 'import:iati' },
    ]);
  });

  it('purges what a changed activity touches, totals and summaries included (the subgraph tag)', async () => {
    const tags = ['Project', 'Project:iati:XX-SYNTHETIC-CYB-002', 'subgraph:funding'];
    const before = await tagVersions(cache, tags);
    const changed = xml.replace(
      'Digital evidence training in the Caribbean',
      'Digital evidence training, Caribbean',
    );
    const report = await importIati(db, changed, options);
    // (the activity the test above changed comes back as it is in the file)
    expect(report.updated).toContain('XX-SYNTHETIC-CYB-002');
    const after = await tagVersions(cache, tags);
    expect(after.map((version, i) => version !== null && version !== before[i])).toEqual([
      true,
      true,
      true,
    ]);
  });

  it('refuses a malformed file before writing anything, naming the line and the element', async () => {
    const before = await snapshot();
    const broken = xml.replace('</title>', '</titel>');
    await expect(importIati(db, broken, options)).rejects.toThrow(IatiFileError);
    await expect(importIati(db, broken, options)).rejects.toThrow(/^line 16, column \d+ <title>/);
    await expect(importIati(db, '<other/>', options)).rejects.toThrow(/<iati-activities>/);
    expect(await snapshot()).toBe(before);
  });
});
