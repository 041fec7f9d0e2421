import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../../loaders/project-path.js';
import { checkActivity } from './iati-activity.import.js';
import { buildImportContext } from './iati-step.import.js';
import { parseIatiFile } from './iati.import.js';
import { IatiFileError } from './iati.model.js';

// Generated inputs against the pure half of the IATI importer (reading and checking; the writes
// are tested against the databases in test/subgraphs/funding-iati*.test.ts): whatever a file
// holds, the importer answers with activities and reasons, or with one IatiFileError naming the
// place and the element; it never throws anything else.

const example = (name: string) => readFileSync(projectPath('docs', 'examples', name), 'utf8');
const XML = example('iati-publisher-shapes.xml');
const SCHEMA_XML = example('iati-schema-example.xml');
const JSON_FILE = example('iati-datastore-activities.json');

const context = () =>
  buildImportContext(
    {
      organizations: [
        {
          id: 'unodc',
          name: 'United Nations Office on Drugs and Crime',
          iati_org_id: null,
          verified: true,
          synthetic: false,
        },
        {
          id: 'ec-fpi',
          name: 'European Commission - FPI',
          iati_org_id: 'XI-IATI-EC_FPI',
          verified: true,
          synthetic: false,
        },
        {
          id: 'syn-donor-aud',
          name: 'Austral',
          iati_org_id: null,
          verified: true,
          synthetic: false,
        },
      ],
      countries: [
        { iso2: 'AF', iso3: 'AFG', region_m49: '142' },
        { iso2: 'GH', iso3: 'GHA', region_m49: '002' },
        { iso2: 'SN', iso3: 'SEN', region_m49: '002' },
        { iso2: 'KE', iso3: 'KEN', region_m49: '002' },
        { iso2: 'UG', iso3: 'UGA', region_m49: '002' },
      ],
      existingProjects: [],
    },
    false,
    { sourceName: 'fuzz', registerOrganizations: async () => undefined },
  );

/** Reads and checks a file; returns what happened, or rethrows anything but IatiFileError. */
function importPure(text: string): 'file-error' | { reasons: string[]; warnings: string[] }[] {
  let file;
  try {
    file = parseIatiFile(text);
  } catch (error) {
    if (error instanceof IatiFileError) {
      expect(error.message).toMatch(
        /^(line \d+(, column \d+)?|\$\S*|response\.docs\[\d+\]\S*) <[^<>\s]+>: ./,
      );
      return 'file-error';
    }
    throw error;
  }
  const ctx = context();
  const seen = new Map<string, string>();
  return file.activities.map((activity) => {
    const checked = checkActivity(activity, ctx, seen);
    const reasons = 'reasons' in checked ? checked.reasons : [];
    for (const line of [...reasons, ...checked.warnings]) {
      expect(line).toMatch(/^(line \d+|\$\S*|response\.docs\[\d+\]\S*) <[^<>\s]+>: ./);
    }
    return { reasons, warnings: checked.warnings };
  });
}

/** A copy of `text` with a few spans replaced, deleted or duplicated. */
const mutated = (text: string) =>
  fc
    .array(
      fc.record({
        at: fc.nat({ max: text.length }),
        length: fc.nat({ max: 40 }),
        insert: fc.oneof(
          fc.string({ maxLength: 12 }),
          fc.constantFrom(
            '-',
            '0',
            '<',
            '>',
            '"',
            '&amp;',
            '&bogus;',
            ']]>',
            '\u0000',
            '1e309',
            '-0.00',
            'NaN',
            '9'.repeat(400),
          ),
        ),
      }),
      { minLength: 1, maxLength: 6 },
    )
    .map((edits) =>
      edits.reduce(
        (s, e) =>
          s.slice(0, Math.min(e.at, s.length)) +
          e.insert +
          s.slice(Math.min(e.at, s.length) + e.length),
        text,
      ),
    );

/** Attribute values a publisher's file might carry. */
const attributeValue = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '1',
    '2',
    '3',
    '4',
    '5',
    '6',
    '13',
    '99',
    '-1',
    'XX',
    'KE',
    'GH',
    '2024-02-30',
    '2024-01-01',
    'EUR',
    'eur',
    '-0',
    '100',
    '100.001',
    '1e3',
    'unodc',
    'XI-IATI-EC_FPI',
  ),
  fc.string({ maxLength: 10 }),
);

const activityXml = fc
  .record({
    identifier: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
    status: attributeValue,
    currency: attributeValue,
    orgs: fc.array(
      fc.record({
        ref: attributeValue,
        role: attributeValue,
        name: fc.option(fc.string({ maxLength: 15 })),
      }),
      { maxLength: 4 },
    ),
    countries: fc.array(fc.record({ code: attributeValue, pct: attributeValue }), { maxLength: 3 }),
    regions: fc.array(
      fc.record({ code: attributeValue, vocabulary: attributeValue, pct: attributeValue }),
      { maxLength: 2 },
    ),
    transactions: fc.array(
      fc.record({
        type: attributeValue,
        date: attributeValue,
        value: attributeValue,
        currency: attributeValue,
        provider: attributeValue,
      }),
      { maxLength: 4 },
    ),
  })
  .map((a) => {
    const esc = (s: string) =>
      s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
    return `<iati-activity default-currency="${esc(a.currency)}">
${a.identifier === undefined ? '' : `<iati-identifier>${esc(a.identifier)}</iati-identifier>`}
<title><narrative>T</narrative></title>
<activity-status code="${esc(a.status)}"/>
${a.orgs.map((o) => `<participating-org ref="${esc(o.ref)}" role="${esc(o.role)}">${o.name === null ? '' : `<narrative>${esc(o.name)}</narrative>`}</participating-org>`).join('\n')}
${a.countries.map((c) => `<recipient-country code="${esc(c.code)}" percentage="${esc(c.pct)}"/>`).join('\n')}
${a.regions.map((r) => `<recipient-region code="${esc(r.code)}" vocabulary="${esc(r.vocabulary)}" percentage="${esc(r.pct)}"/>`).join('\n')}
${a.transactions
  .map(
    (
      t,
    ) => `<transaction><transaction-type code="${esc(t.type)}"/><transaction-date iso-date="${esc(t.date)}"/>
<value currency="${esc(t.currency)}" value-date="${esc(t.date)}">${esc(t.value)}</value><provider-org ref="${esc(t.provider)}"/></transaction>`,
  )
  .join('\n')}
</iati-activity>`;
  });

describe('the IATI importer on generated files', () => {
  it('reads the committed examples without a single refusal', () => {
    for (const text of [XML, SCHEMA_XML, JSON_FILE]) {
      const result = importPure(text);
      expect(result).not.toBe('file-error');
      expect((result as { reasons: string[] }[]).flatMap((r) => r.reasons)).toEqual([]);
    }
  });

  it('never crashes on a mutated XML file: activities and reasons, or one IatiFileError with line and element', () => {
    fc.assert(
      fc.property(fc.oneof(mutated(XML), mutated(SCHEMA_XML)), (text) => {
        importPure(text);
      }),
      { numRuns: 300 },
    );
  });

  it('never crashes on generated activities, and refuses or warns with the element named', () => {
    fc.assert(
      fc.property(fc.array(activityXml, { minLength: 1, maxLength: 3 }), (activities) => {
        const result = importPure(
          `<iati-activities version="2.03">${activities.join('\n')}</iati-activities>`,
        );
        expect(result).not.toBe('file-error');
        expect(result).toHaveLength(activities.length);
      }),
      { numRuns: 200 },
    );
  });

  it('never crashes on mutated or arbitrary Datastore JSON', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          mutated(JSON_FILE),
          fc.jsonValue().map((v) => JSON.stringify(v)),
          fc
            .jsonValue()
            .map((v) =>
              JSON.stringify({ response: { docs: [{ iati_json: { 'iati-activity': [v] } }] } }),
            ),
          fc
            .dictionary(
              fc.constantFrom(
                'iati-identifier',
                'title',
                'transaction',
                'participating-org',
                'recipient-region',
                'planned-disbursement',
                '@default-currency',
              ),
              fc.jsonValue(),
            )
            .map((activity) => JSON.stringify({ 'iati-activity': [activity] })),
        ),
        (text) => {
          importPure(text);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses a JSON number where money is read, naming the path', () => {
    const text = JSON_FILE.replace('"-12500.75"', '-12500.75');
    expect(() => parseIatiFile(text)).toThrow(
      /^response\.docs\[1\]\.iati_json\/iati-activity\[0\]\/transaction\[1\]\/value\[0\] <transaction\/value>: text\(\) must be a string/,
    );
  });

  it('reads negative values, regions, planned disbursements and organisations named only by a name', () => {
    const file = parseIatiFile(XML);
    expect(file.synthetic).toBe(true);
    const ctx = context();
    const checked = checkActivity(file.activities[0]!, { ...ctx, synthetic: true }, new Map());
    expect('rows' in checked).toBe(true);
    if (!('rows' in checked)) {
      return;
    }
    expect(checked.rows.transactions.map((t) => t.amount)).toEqual([
      '500000',
      '-500000',
      '500000',
      '120000.50',
    ]);
    expect(checked.rows.regions).toEqual([{ vocabulary: '1', code: '289', percentage: '100' }]);
    expect(checked.organizations.map((o) => [o.name, o.ref])).toEqual([
      ['Example Foundation for Digital Safety', null],
      ['XM-SYNTHETIC-99001', 'XM-SYNTHETIC-99001'],
    ]);
    expect(checked.rows.participants).toContainEqual({
      organization_id: 'unodc',
      role: 'IMPLEMENTING',
    });
    const second = checkActivity(file.activities[1]!, { ...ctx, synthetic: true }, new Map());
    expect(
      'rows' in second &&
        second.rows.plannedDisbursements.map((d) => [d.type, d.amount, d.period_end]),
    ).toEqual([
      ['ORIGINAL', '250000', '2024-06-30'],
      ['REVISED', '175000', null],
    ]);
  });

  it('never lets a real file name a synthetic organisation', () => {
    const real = XML.replace(' crg:synthetic="true"', '').replace(
      'ref="XI-IATI-EC_FPI" role="1"',
      'ref="syn-donor-aud" role="1"',
    );
    const file = parseIatiFile(real);
    expect(file.synthetic).toBe(false);
    const checked = checkActivity(file.activities[1]!, context(), new Map());
    expect('reasons' in checked && checked.reasons).toEqual([
      'line 75 <participating-org>: "syn-donor-aud" is a synthetic organisation; a real file cannot name it',
    ]);
  });

  it('never gives a real file the synthetic flag: its rows and unverified organisations are real', () => {
    const real = SCHEMA_XML.replace(' crg:synthetic="true"', '');
    const file = parseIatiFile(real);
    expect(file.synthetic).toBe(false);
    const checked = checkActivity(file.activities[0]!, context(), new Map());
    expect('rows' in checked).toBe(true);
    if (!('rows' in checked)) {
      return;
    }
    expect(checked.rows.project.synthetic).toBe(false);
    expect(checked.rows.transactions.every((t) => t.synthetic === false)).toBe(true);
    expect(checked.organizations.map((o) => [o.id.startsWith('iati-'), o.synthetic])).toEqual([
      [true, false],
      [true, false],
      [true, false],
    ]);
  });

  it('refuses an unknown organisation when no owner can register it', () => {
    const file = parseIatiFile(SCHEMA_XML);
    const ctx = buildImportContext(
      {
        organizations: [],
        countries: [{ iso2: 'AF', iso3: 'AFG', region_m49: '142' }],
        existingProjects: [],
      },
      true,
      { sourceName: 'fuzz' },
    );
    const checked = checkActivity(file.activities[0]!, ctx, new Map());
    expect('reasons' in checked && checked.reasons[0]).toBe(
      'line 29 <participating-org>: ref "BB-BBB-123456789" with name "Name of Agency B" is not a known organisation',
    );
  });
});
