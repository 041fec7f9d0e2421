import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportError } from '../../clients/report/graph-client.js';
import {
  generateReport,
  NO_RECORDS,
  type GeneratedReport,
  type Figure,
} from '../../clients/report/index.js';
import { htmlToPdf } from '../../clients/report/pdf.js';
import { signToken } from '../../gateway/auth.js';
import { readGatewayConfig } from '../../gateway/config.js';
import { DEV_JWT_SECRET, readRuntimeConfig } from '../../loaders/config.js';
import { startStack, type Stack } from '../../scripts/stack.js';
import { CORE_SUBGRAPHS } from '../../subgraphs/index.js';
import { chromiumPath, noBrowserReason, skipWithoutBrowser } from '../support/browser.js';
import { freshDatabase } from '../support/fresh-database.js';
import { postGraphQL, silentLogger } from '../support/harness.js';
import { redisUrl } from '../support/services.js';

// Issue 15's "done when": the report to the Commission for a fixed period, generated from the
// seeded graph over HTTP, its figures checked against queries written here by hand (not the
// client operations the report uses), its PDF printed by Chromium and rasterised by pdftoppm.

const run = promisify(execFile);
const PERIOD = { from: '2025-01-01', to: '2025-12-31' };
// The demo set's contributions fall in 2024: the synthetic report spans two years.
const SYN_PERIOD = { from: '2024-01-01', to: '2025-12-31' };
let stack: Stack;
let fresh: Awaited<ReturnType<typeof freshDatabase>>;
let editorToken: string;
let real: GeneratedReport;
let withSynthetic: GeneratedReport;

beforeAll(async () => {
  fresh = await freshDatabase('report');
  const env = {
    LOG_LEVEL: 'silent',
    SEED_SYNTHETIC: 'true',
    // The seeded data as a start leaves it: other files' writes would move the figures.
    ...(fresh ? { DATABASE_URL: fresh.url } : {}),
    ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
  };
  stack = await startStack({
    runtimeConfig: readRuntimeConfig(env),
    gatewayConfig: readGatewayConfig({
      ...env,
      RESPONSE_CACHE: 'off',
      LIMIT_BUDGET_PER_MINUTE: '1000000000',
      LIMIT_BUDGET_PER_MINUTE_ANALYST: '1000000000',
    }),
    logger: silentLogger,
    subgraphs: CORE_SUBGRAPHS,
    memory: !fresh,
    ports: 'ephemeral',
  });
  editorToken = await signToken({ sub: 'report-test', role: 'editor' }, { secret: DEV_JWT_SECRET });
  real = await generateReport({ ...PERIOD, endpoint: stack.gatewayUrl });
  withSynthetic = await generateReport({
    ...SYN_PERIOD,
    includeSynthetic: true,
    endpoint: stack.gatewayUrl,
  });
}, 240_000);

afterAll(async () => {
  await stack?.close();
  await fresh?.drop();
});

type Json = any;
async function ask(query: string, token?: string): Promise<Json> {
  const body = await postGraphQL(
    stack.gatewayUrl,
    query,
    undefined,
    token ? { authorization: `Bearer ${token}` } : {},
  );
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data;
}

function figureOf(report: GeneratedReport, title: string): Figure {
  const found = report.report.sections
    .flatMap((s) => s.figures)
    .find((f) => f.title.startsWith(title));
  expect(found, `a figure titled "${title}"`).toBeDefined();
  return found!;
}

describe('the report to the Commission, generated from the graph', () => {
  it('has the sections of DOMAIN §7 and an annex naming every call behind every figure', () => {
    expect(real.report.sections.map((s) => s.title)).toEqual([
      'The mandate',
      'Growth of the repository',
      'Status of cybercrime legislation worldwide',
      'Treaty movements',
      'Technical assistance delivered',
      'Partnerships',
      'Extrabudgetary contributions',
      'Gaps and overlaps for coordination',
      'Lessons learned',
    ]);
    const ids = new Set(real.calls.map((c) => c.id));
    for (const figure of real.report.sections.flatMap((s) => s.figures)) {
      expect(figure.calls.length, figure.title).toBeGreaterThan(0);
      expect(
        figure.calls.every((c) => ids.has(c)),
        figure.title,
      ).toBe(true);
      expect(figure.basis, figure.title).toMatch(/^Rests on \d+ real /);
    }
    for (const call of real.calls) {
      expect(real.html).toContain(`id="call-${call.id}"`);
      expect(real.html).toContain(JSON.stringify(call.variables).replace(/"/g, '&quot;'));
    }
    expect(real.calls.map((c) => c.operation)).toEqual(
      expect.arrayContaining([
        'CyberlawStatusWorld',
        'TreatyMovements',
        'TechnicalAssistanceDelivered',
        'ContributionsByDonorYear',
        'CoordinationGaps',
      ]),
    );
  });

  it('counts the UNCTAD status of every State as the graph does, with the attribution', async () => {
    const data = await ask(`{
      legislation: countries(filter: { cyberlawStatus: { area: CYBERCRIME, status: LEGISLATION } }) { totalCount }
      draft: countries(filter: { cyberlawStatus: { area: CYBERCRIME, status: DRAFT_LEGISLATION } }) { totalCount }
      none: countries(filter: { cyberlawStatus: { area: CYBERCRIME, status: NO_LEGISLATION } }) { totalCount }
    }`);
    const figure = figureOf(real, 'Cybercrime legislation by State');
    expect(figure.table?.rows.slice(0, 3)).toEqual([
      ['Legislation', String(data.legislation.totalCount)],
      ['Draft legislation', String(data.draft.totalCount)],
      ['No legislation', String(data.none.totalCount)],
    ]);
    expect(figure.chart?.option).not.toBeNull();
    expect(real.html).toContain(
      'Source: UN Trade and Development (UNCTAD), Global Cyberlaw Tracker',
    );
  });

  it('lists the treaty actions of the period and the UN Convention consents counted towards 40', async () => {
    const data = await ask(`{
      un: treatyMovements(instrument: "UNCC-2024", from: "2025-01-01", to: "2025-12-31") { participantCode }
      bc: treatyMovements(instrument: "CETS-185", from: "2025-01-01", to: "2025-12-31") { participantCode }
      p1: treatyMovements(instrument: "CETS-189", from: "2025-01-01", to: "2025-12-31") { participantCode }
      p2: treatyMovements(instrument: "CETS-224", from: "2025-01-01", to: "2025-12-31") { participantCode }
      end: treatyParticipation(instrument: "UNCC-2024", asOf: "2025-12-31") { consentsCounted consentsNeeded signatories }
    }`);
    const actions = data.un.length + data.bc.length + data.p1.length + data.p2.length;
    expect(actions).toBeGreaterThan(0);
    const table = figureOf(real, 'Treaty actions in the period');
    expect(table.table?.rows).toHaveLength(actions);
    expect(
      table.table?.rows.filter((r) => r[1] === 'UN Convention against Cybercrime'),
    ).toHaveLength(data.un.length);
    const participation = figureOf(real, 'Parties and signatories on 2025-12-31');
    expect(participation.table?.rows[0]).toEqual([
      'UN Convention against Cybercrime',
      expect.any(String),
      expect.any(String),
      String(data.end.signatories),
      `${data.end.consentsCounted} / ${data.end.consentsNeeded}`,
    ]);
    expect(figureOf(real, 'Signatures, ratifications').chart?.option).not.toBeNull();
  });

  it('says "no records in this period" where only synthetic activities exist, and labels them when let in', async () => {
    const data = await ask(`{
      realOnly: deliverySummary(groupBy: ACTIVITY_TYPE, from: "2025-01-01", to: "2025-12-31") { basis { records } }
      all: deliverySummary(groupBy: ACTIVITY_TYPE, from: "2024-01-01", to: "2025-12-31", includeSynthetic: true) {
        rows { activities practitionersTrained { total female } }
        basis { records syntheticRecords }
      }
    }`);
    expect(data.realOnly.basis.records).toBe(0);
    const empty = figureOf(real, 'Activities by type');
    expect(empty.empty).toBe(true);
    expect(empty.chart?.option).toBeNull();
    const section = real.html.slice(
      real.html.indexOf('id="technical-assistance"'),
      real.html.indexOf('id="partnerships"'),
    );
    expect(section).toContain(NO_RECORDS);
    expect(section).not.toContain('<svg');

    const activities = data.all.rows.reduce((s: number, r: Json) => s + r.activities, 0);
    const trained = data.all.rows.reduce(
      (s: number, r: Json) => s + r.practitionersTrained.total,
      0,
    );
    expect(data.all.basis.syntheticRecords).toBeGreaterThan(0);
    const labelled = figureOf(withSynthetic, 'Activities by type');
    expect(labelled.synthetic).toBe(true);
    expect(labelled.basis).toContain(`${data.all.basis.syntheticRecords} synthetic`);
    const paragraph = withSynthetic.report.sections.find((s) => s.id === 'technical-assistance')!
      .paragraphs[0];
    expect(paragraph).toContain(
      `${activities.toLocaleString('en')} activities started in the period`,
    );
    expect(paragraph).toContain(`${trained.toLocaleString('en')} practitioners were trained`);
    expect(withSynthetic.html).toContain('Includes synthetic (illustrative) records');
    expect(real.html).not.toContain('[synthetic]');
  });

  it('gives each donor its contributions in the original currency and in USD with the rates used', async () => {
    const data = await ask(`{
      fundingSummary(groupBy: [DONOR, YEAR], period: { from: "2024-01-01", to: "2025-12-31" }, includeSynthetic: true) {
        groups { donor { name } year received { transactionCount amountUsd original { currency } } pledged { transactionCount } committed { transactionCount } ratesUsed { currency fxRate } }
      }
    }`);
    const contributing = data.fundingSummary.groups.filter(
      (g: Json) =>
        g.received.transactionCount + g.pledged.transactionCount + g.committed.transactionCount > 0,
    );
    expect(contributing.length).toBeGreaterThan(0);
    const table = figureOf(withSynthetic, 'Contributions by donor and year, original currency');
    expect(table.table?.rows.map((r) => r[0]!.replace(' [synthetic]', ''))).toEqual(
      contributing.map((g: Json) => g.donor.name),
    );
    for (const [i, group] of contributing.entries()) {
      const row = table.table!.rows[i]!;
      if (group.received.transactionCount > 0) {
        expect(row[4]).toContain(
          `USD ${Number(group.received.amountUsd).toLocaleString('en', { minimumFractionDigits: 2 })}`,
        );
      }
      for (const rate of group.ratesUsed) {
        expect(row[5]).toContain(`${rate.currency} ${rate.fxRate}`);
      }
    }
    const realOnly = await ask(`{
      fundingSummary(groupBy: [DONOR, YEAR], period: { from: "2025-01-01", to: "2025-12-31" }) {
        groups { received { transactionCount } pledged { transactionCount } committed { transactionCount } }
      }
    }`);
    const realContributions = realOnly.fundingSummary.groups.filter(
      (g: Json) =>
        g.received.transactionCount + g.pledged.transactionCount + g.committed.transactionCount > 0,
    );
    expect(figureOf(real, 'Contributions received and pledged').empty).toBe(
      realContributions.length === 0,
    );
  });
});

describe('the report from the gateway, with the viewer’s rights', () => {
  const url = (query: string) => `${new URL(stack.gatewayUrl).origin}/reports/commission?${query}`;

  it('returns HTML; restricted findings appear for an editor only, and the public report names no State for them', async () => {
    const restricted = await ask(
      `{ ${['002', '019', '142', '150', '009']
        .map(
          (m49) =>
            `r${m49}: gaps(region: "${m49}", includeSynthetic: true) { gaps { gap country { name } assessment { confidentiality } } }`,
        )
        .join(' ')} }`,
      editorToken,
    );
    const all: Json[] = Object.values(restricted).flatMap((r: Json) => r.gaps);
    const visible = all.filter((g) => g.assessment.confidentiality === 'PUBLIC');
    const hidden = all.filter((g) => g.assessment.confidentiality !== 'PUBLIC');
    expect(hidden.length).toBeGreaterThan(0);
    const publicResponse = await fetch(url('from=2025-01-01&to=2025-12-31&includeSynthetic=true'));
    expect(publicResponse.status).toBe(200);
    expect(publicResponse.headers.get('content-type')).toContain('text/html');
    expect(publicResponse.headers.get('cache-control')).toContain('no-store');
    const publicHtml = await publicResponse.text();
    const editorHtml = await (
      await fetch(url('from=2025-01-01&to=2025-12-31&includeSynthetic=true'), {
        headers: { authorization: `Bearer ${editorToken}` },
      })
    ).text();
    for (const gap of hidden) {
      expect(editorHtml).toContain(gap.gap);
      if (!visible.some((v) => v.gap === gap.gap)) {
        expect(publicHtml).not.toContain(gap.gap);
      }
    }
    expect(publicHtml).toContain('Public edition');
    // The public report's gap table names only States whose findings are PUBLIC.
    const publicReport = await generateReport({
      ...PERIOD,
      includeSynthetic: true,
      endpoint: stack.gatewayUrl,
    });
    const named =
      figureOf(publicReport, 'Open gaps by M49 region').table?.rows.map((r) => r[1]) ?? [];
    expect(named).toHaveLength(visible.length);
    const hiddenOnly = hidden
      .map((g) => g.country.name as string)
      .filter((name) => !visible.some((v) => v.country.name === name));
    expect(hiddenOnly.length).toBeGreaterThan(0);
    for (const state of hiddenOnly) {
      expect(named).not.toContain(state);
    }
  });

  it('names what was wrong: to before from, a date that does not exist, a period without records', async () => {
    const answer = async (query: string) => {
      const response = await fetch(url(query));
      return { status: response.status, body: (await response.json()) as Json };
    };
    const reversed = await answer('from=2025-12-31&to=2025-01-01');
    expect(reversed.status).toBe(400);
    expect(reversed.body.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'to' });
    expect(reversed.body.errors[0].message).toContain(
      'ends (to = 2025-01-01) before it starts (from = 2025-12-31)',
    );
    const impossible = await answer('from=2025-02-30&to=2025-12-31');
    expect(impossible.body.errors[0].extensions.field).toBe('from');
    const empty = await answer('from=1900-01-01&to=1900-12-31');
    expect(empty.status).toBe(422);
    expect(empty.body.errors[0].extensions.field).toBe('period');
    expect(empty.body.errors[0].message).toContain(
      'No records in the period 1900-01-01 to 1900-12-31',
    );
  });

  it('says so when the endpoint cannot be reached', async () => {
    // A port that was free a moment ago: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const error = await generateReport({
      ...PERIOD,
      endpoint: `http://127.0.0.1:${port}/graphql`,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(ReportError);
    expect(error.field).toBe('endpoint');
    expect(error.message).toContain(`Cannot reach the graph at http://127.0.0.1:${port}/graphql`);
  });
});

/** A binary PPM/PGM (pdftoppm's output) as width, height, channels and pixel bytes. */
function readPnm(buffer: Buffer): {
  width: number;
  height: number;
  channels: number;
  pixels: Buffer;
} {
  const header = buffer.subarray(0, 64).toString('latin1');
  const match = /^(P[56])\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(header);
  if (!match) {
    throw new Error('not a binary PNM');
  }
  return {
    channels: match[1] === 'P6' ? 3 : 1,
    width: Number(match[2]),
    height: Number(match[3]),
    pixels: buffer.subarray(match[0].length),
  };
}

describe.skipIf(skipWithoutBrowser)(`the PDF (${noBrowserReason ?? 'Chromium'})`, () => {
  it('prints A4 pages with page numbers that render: none blank, the charts and the map drawn', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'crg-report-'));
    try {
      const pdf = await htmlToPdf(withSynthetic.html, chromiumPath);
      await writeFile(join(dir, 'report.pdf'), pdf);
      const info = (await run('pdfinfo', [join(dir, 'report.pdf')])).stdout;
      expect(info).toMatch(/Page size:.*\(A4\)/);
      const text = (await run('pdftotext', ['-layout', join(dir, 'report.pdf'), '-'])).stdout;
      const pages = text.split('\f').filter((p) => p.trim() !== '');
      expect(pages.length).toBeGreaterThanOrEqual(10);
      expect(pages[0]).toContain('Contents');
      expect(pages[1]).toContain(`Page 2 of ${pages.length}`);
      // The pages as PNG, as docs/report.md shows them, and as raw pixels (PPM) to look into.
      await run('pdftoppm', ['-r', '30', '-png', join(dir, 'report.pdf'), join(dir, 'png')]);
      const pngs = (await readdir(dir)).filter((f) => f.startsWith('png')).sort();
      expect(pngs).toHaveLength(pages.length);
      for (const png of pngs) {
        const bytes = await readFile(join(dir, png));
        expect(bytes.subarray(1, 4).toString('latin1'), png).toBe('PNG');
        expect(bytes.length, png).toBeGreaterThan(1500);
      }
      await run('pdftoppm', ['-r', '30', join(dir, 'report.pdf'), join(dir, 'page')]);
      const files = (await readdir(dir)).filter((f) => f.startsWith('page')).sort();
      expect(files).toHaveLength(pages.length);
      const CHART_COLOURS = [
        [0x00, 0x72, 0xb2],
        [0xe6, 0x9f, 0x00],
        [0x00, 0x9e, 0x73],
        [0xd5, 0x5e, 0x00],
      ];
      let pagesWithCharts = 0;
      let mapPixels = 0;
      for (const file of files) {
        const { width, height, pixels } = readPnm(await readFile(join(dir, file)));
        let ink = 0;
        let coloured = 0;
        let green = 0;
        for (let i = 0; i + 2 < pixels.length; i += 3) {
          const [r, g, b] = [pixels[i]!, pixels[i + 1]!, pixels[i + 2]!];
          if (r < 200 || g < 200 || b < 200) {
            ink++;
          }
          const near = CHART_COLOURS.findIndex(
            ([cr, cg, cb]) => Math.abs(r - cr!) + Math.abs(g - cg!) + Math.abs(b - cb!) < 40,
          );
          if (near >= 0) {
            coloured++;
          }
          if (near === 2) {
            green++;
          }
        }
        // Not blank: ink beyond the page-number footer on every page (the footer alone is ~0.05 %).
        expect(ink / (width * height), file).toBeGreaterThan(0.0015);
        if (coloured > 200) {
          pagesWithCharts++;
        }
        mapPixels = Math.max(mapPixels, green);
      }
      const charts = withSynthetic.report.sections
        .flatMap((s) => s.figures)
        .filter((f) => f.chart?.option);
      expect(charts.length).toBeGreaterThanOrEqual(8);
      expect(pagesWithCharts).toBeGreaterThanOrEqual(5);
      // The world map: States with legislation fill a large green area on one page.
      expect(mapPixels).toBeGreaterThan(2000);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
