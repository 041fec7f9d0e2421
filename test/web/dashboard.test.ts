import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientOperation } from '../../clients/operations/index.js';
import { signToken } from '../../gateway/auth.js';
import { readGatewayConfig } from '../../gateway/config.js';
import { WEB_BUILD_DIR } from '../../gateway/static-files.js';
import { DEV_JWT_SECRET, readRuntimeConfig } from '../../loaders/config.js';
import { projectPath } from '../../loaders/project-path.js';
import { startStack, type Stack } from '../../scripts/stack.js';
import { CORE_SUBGRAPHS } from '../../subgraphs/index.js';
import {
  skipWithoutBrowser,
  launchChromium,
  loopbackOnlyContext,
  noBrowserReason,
} from '../support/browser.js';
import { freshDatabase } from '../support/fresh-database.js';
import { postGraphQL, silentLogger } from '../support/harness.js';
import { inCI, redisUrl } from '../support/services.js';

// Issue 17: the reference dashboard at /dashboard, in Debian's Chromium with every request off
// loopback blocked. Each view is opened and its figures are compared with the graph's own answers
// to the same operations (asked here over HTTP); the synthetic switch is turned on and off; one
// subgraph is stopped and its panels must say so while the others render. Screenshots go to
// DASHBOARD_SCREENSHOTS (docs/images to refresh the documentation's) or a temporary folder.

const built = existsSync(join(WEB_BUILD_DIR, 'dashboard', 'index.html'));
if (!built && inCI) {
  throw new Error('dist/web/dashboard is not built: run npm run build before the tests.');
}
const shots = resolve(
  projectPath(),
  process.env['DASHBOARD_SCREENSHOTS'] ?? join(tmpdir(), 'crg-dashboard-screenshots'),
);

type Json = any;

describe.skipIf(skipWithoutBrowser || (!built && !inCI))(
  `the dashboard ${noBrowserReason ?? (built ? '' : '(dist/web not built: npm run build)')}`,
  () => {
    let stack: Stack;
    let fresh: Awaited<ReturnType<typeof freshDatabase>>;
    let browser: Browser;
    let origin = '';

    beforeAll(async () => {
      fresh = await freshDatabase('dashboard');
      const env = {
        LOG_LEVEL: 'silent',
        SEED_SYNTHETIC: 'true',
        ...(fresh ? { DATABASE_URL: fresh.url } : {}),
        ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
      };
      stack = await startStack({
        runtimeConfig: readRuntimeConfig(env),
        // The limits a public viewer meets, except the per-minute budget (one address here).
        gatewayConfig: readGatewayConfig({
          ...env,
          RESPONSE_CACHE: 'off',
          // Only the graph's own clients' documents: the dashboard must send nothing else.
          TRUSTED_DOCUMENTS: 'enforce',
          SUBGRAPH_TIMEOUT_MS: '3000',
          LIMIT_BUDGET_PER_MINUTE: '1000000000',
        }),
        logger: silentLogger,
        subgraphs: CORE_SUBGRAPHS,
        memory: !fresh,
        ports: 'ephemeral',
      });
      origin = new URL(stack.gatewayUrl).origin;
      browser = await launchChromium();
      await mkdir(shots, { recursive: true });
    }, 240_000);

    afterAll(async () => {
      await browser?.close();
      await stack?.close();
      await fresh?.drop();
    });

    /** The graph's own answer to a client operation, asked like any client would. */
    async function ask(name: string, variables: Json, token?: string): Promise<Json> {
      const response = await postGraphQL(
        stack.gatewayUrl,
        clientOperation(name).body,
        variables,
        token ? { authorization: `Bearer ${token}` } : {},
      );
      expect(response.errors, `${name} answers without errors`).toBeUndefined();
      return response.data;
    }

    async function open(
      path: string,
      setup?: (context: BrowserContext) => Promise<void>,
    ): Promise<{ page: Page; blocked: string[]; graphql: string[]; close(): Promise<void> }> {
      const { context, blocked } = await loopbackOnlyContext(browser, {
        viewport: { width: 1280, height: 900 },
      });
      await setup?.(context);
      const page = await context.newPage();
      const graphql: string[] = [];
      page.on('request', (request) => {
        if (new URL(request.url()).pathname === '/graphql') {
          graphql.push(`${request.method()} ${request.url()}`);
        }
      });
      await page.goto(`${origin}${path}`);
      await page.waitForSelector('body[data-loaded=true]', { timeout: 60_000 });
      return { page, blocked, graphql, close: () => context.close() };
    }

    async function figures(page: Page): Promise<Record<string, string>> {
      return Object.fromEntries(
        await page.$$eval('[data-figure]', (nodes) =>
          nodes.map((n) => [n.getAttribute('data-figure') ?? '', n.textContent ?? '']),
        ),
      );
    }

    async function panels(page: Page): Promise<Record<string, Json>> {
      return Object.fromEntries(
        await page.$$eval('[data-panel]', (nodes) =>
          nodes.map((n) => [
            n.getAttribute('data-panel') ?? '',
            {
              state: n.getAttribute('data-state'),
              synthetic: n.getAttribute('data-synthetic'),
              unavailable: n.getAttribute('data-unavailable'),
              badge: !(n.querySelector('.synthetic-badge') as HTMLElement | null)?.hidden,
              status: n.querySelector('.status')?.textContent ?? '',
              query: n.querySelector('a.query-link')?.getAttribute('href') ?? '',
              sources: n.querySelector('.sources')?.textContent ?? '',
              chart: n.querySelector('.chart svg') !== null,
            },
          ]),
        ),
      );
    }

    const shot = (page: Page, name: string) =>
      // JPEG at 1280×900: a modest size for docs/images.
      page.screenshot({ path: join(shots, `${name}.jpg`), type: 'jpeg', quality: 70 });

    it('world map: legislation status and treaty participation on a date, as the graph answers', async () => {
      const view = await open('/dashboard?asOf=2020-12-31&treaty=budapest');
      try {
        const shown = await figures(view.page);
        const p1 = await ask('CyberlawStatusWorld', {});
        const p2 = await ask('CyberlawStatusWorld', { after: p1.countries.pageInfo.endCursor });
        const nodes = [...p1.countries.edges, ...p2.countries.edges].map((e: Json) => e.node);
        expect(nodes).toHaveLength(p1.countries.totalCount);
        expect(shown['states']).toBe(String(p1.countries.totalCount));
        for (const status of ['LEGISLATION', 'DRAFT_LEGISLATION', 'NO_LEGISLATION']) {
          expect(shown[`status-${status}`], status).toBe(
            String(nodes.filter((n: Json) => n.cyberlawStatus[0]?.status === status).length),
          );
        }
        const treaties = await ask('DashboardTreatyMap', {
          asOf: '2020-12-31',
          includeSynthetic: false,
        });
        expect(shown['parties']).toBe(String(treaties.budapest.parties));
        expect(shown['signatories']).toBe(String(treaties.budapest.signatories));
        const now = await ask('DashboardTreatyMap', { includeSynthetic: false });
        expect(treaties.budapest.parties).toBeLessThanOrEqual(now.budapest.parties);

        const state = await panels(view.page);
        expect(state['legislation-map']).toMatchObject({ state: 'ready', chart: true });
        expect(state['legislation-map'].sources).toMatch(/UNCTAD/);
        expect(state['legislation-map'].sources).toMatch(/Natural Earth/);
        expect(state['treaty-map'].sources).toMatch(/coe\.int/);
        expect(state['treaty-map'].query).toBe(
          `/?${new URLSearchParams({ operation: 'DashboardTreatyMap', variables: JSON.stringify({ asOf: '2020-12-31', includeSynthetic: false }) })}`,
        );
        // The link opens the explorer (served at /) on that operation.
        const explorer = await fetch(`${origin}${state['treaty-map'].query}`);
        expect(explorer.status).toBe(200);
        expect(explorer.headers.get('content-type')).toMatch(/text\/html/);
        // Persisted queries over GET: the trusted document's hash, as the manifest has it.
        const gets = view.graphql.filter((r) => r.startsWith('GET '));
        expect(gets.length).toBeGreaterThanOrEqual(3);
        expect(view.graphql.filter((r) => r.startsWith('POST '))).toEqual([]);
        const hashes = gets.map((r) =>
          JSON.parse(new URL(r.slice(4)).searchParams.get('extensions') ?? '{}'),
        );
        expect(hashes.map((e) => e.persistedQuery?.sha256Hash)).toContain(
          clientOperation('DashboardTreatyMap').sha256,
        );
        // Every request names a trusted document by its hash (the gateway knows them all, so
        // the hash alone is enough; TRUSTED_DOCUMENTS=enforce refuses anything else).
        const trusted = new Set(
          ['CyberlawStatusWorld', 'DashboardTreatyMap'].map((n) => clientOperation(n).sha256),
        );
        for (const extensions of hashes) {
          expect(trusted.has(extensions.persistedQuery?.sha256Hash)).toBe(true);
        }
        expect(gets.filter((r) => new URL(r.slice(4)).searchParams.has('query'))).toEqual([]);
        expect(view.blocked).toEqual([]);
        await shot(view.page, 'dashboard-map');

        // The date slider and the treaty picker, by keyboard.
        await view.page.selectOption('#treaty', 'malabo');
        await view.page.waitForSelector('body[data-loaded=true]');
        await view.page.waitForFunction(() => location.search.includes('treaty=malabo'));
        await view.page.waitForSelector('body[data-loaded=true]');
        const malabo = await ask('DashboardTreatyMap', {
          asOf: '2020-12-31',
          includeSynthetic: false,
        });
        expect((await figures(view.page))['parties']).toBe(String(malabo.malabo.parties));
      } finally {
        await view.close();
      }
    });

    it('country page: profile in the six UN languages, laws, coverage, assistance, partners, funding', async () => {
      const view = await open('/dashboard/country/KEN?synthetic=1');
      try {
        const shown = await figures(view.page);
        const vars = { iso3: 'KEN', includeSynthetic: true };
        const profile = (await ask('DashboardCountryProfile', { iso3: 'KEN' })).country;
        const laws = (await ask('DashboardCountryLaws', vars)).country;
        const help = (await ask('DashboardCountryAssistance', vars)).country;
        const partners = (await ask('DashboardCountryPartners', vars)).country;
        expect(shown['iso3']).toBe('KEN');
        expect(shown['m49']).toBe(profile.m49);
        for (const lang of ['ar', 'zh', 'en', 'fr', 'ru', 'es']) {
          expect(await view.page.textContent(`[data-name=${lang}]`)).toBe(profile.names[lang]);
        }
        expect(await view.page.getAttribute('[data-name=ar]', 'dir')).toBe('rtl');
        expect(shown['laws']).toBe(String(laws.legislation.length));
        expect(shown['treaties']).toBe(String(laws.treatyParticipation.length));
        expect(shown['coverage-BUDAPEST']).toContain(
          `${laws.budapestCoverage.offencesCovered} of ${laws.budapestCoverage.offences.length}`,
        );
        expect(shown['requests']).toBe(String(help.assistanceRequests.totalCount));
        expect(shown['activities']).toBe(String(help.activities.totalCount));
        expect(help.activities.totalCount).toBeGreaterThan(0);
        expect(shown['partners']).toBe(String(partners.partners.length));
        const state = await panels(view.page);
        for (const id of ['profile', 'laws', 'coverage', 'assistance', 'partners', 'funding']) {
          expect(state[id].state, id).toBe('ready');
        }
        expect(state['assistance']).toMatchObject({ synthetic: 'true', badge: true });
        expect(state['funding'].sources).toMatch(/FRED/);
        await shot(view.page, 'dashboard-country');
      } finally {
        await view.close();
      }
    });

    it('Global Programme: delivery and contributions match the graph; the synthetic switch marks what it adds', async () => {
      const view = await open('/dashboard/programme');
      try {
        const real = await ask('TechnicalAssistanceDelivered', { includeSynthetic: false });
        const realMoney = await ask('ContributionsByDonorYear', { includeSynthetic: false });
        const sum = (rows: Json[], f: (r: Json) => number) => rows.reduce((n, r) => n + f(r), 0);
        let shown = await figures(view.page);
        expect(shown['activities-total']).toBe(
          String(sum(real.byRegion.rows, (r) => r.activities)),
        );
        expect(shown['female']).toBe(
          String(sum(real.byRegion.rows, (r) => r.practitionersTrained.female)),
        );
        expect(shown['donors']).toBe(
          String(new Set(realMoney.fundingSummary.groups.map((g: Json) => g.donor?.id)).size),
        );
        let state = await panels(view.page);
        for (const panel of Object.values(state)) {
          expect(panel).toMatchObject({ state: 'ready', synthetic: 'false', badge: false });
        }
        expect(state['contributions'].sources).toMatch(/FRED/);

        // Switch synthetic records on: the figures become the graph's includeSynthetic answers
        // and every panel that now includes synthetic records is marked.
        await view.page.check('#synthetic');
        await view.page.waitForFunction(() => location.search.includes('synthetic=1'));
        await view.page.waitForSelector('body[data-loaded=true]');
        const withSynthetic = await ask('TechnicalAssistanceDelivered', { includeSynthetic: true });
        const money = await ask('ContributionsByDonorYear', { includeSynthetic: true });
        expect(withSynthetic.byRegion.basis.syntheticRecords).toBeGreaterThan(0);
        shown = await figures(view.page);
        expect(shown['activities-total']).toBe(
          String(sum(withSynthetic.byRegion.rows, (r) => r.activities)),
        );
        expect(shown['requests-received']).toBe(
          String(sum(withSynthetic.byRegion.rows, (r) => r.requestsReceived ?? 0)),
        );
        expect(shown['groups']).toBe(String(money.fundingSummary.groups.length));
        state = await panels(view.page);
        for (const id of ['delivery-region', 'delivery-pillar', 'delivery-sex', 'contributions']) {
          expect(state[id], id).toMatchObject({ state: 'ready', synthetic: 'true', badge: true });
        }
        expect(state['contributions'].query).toContain(
          encodeURIComponent('"includeSynthetic":true'),
        );
        await shot(view.page, 'dashboard-programme-synthetic');

        await view.page.uncheck('#synthetic');
        await view.page.waitForFunction(() => !location.search.includes('synthetic=1'));
        await view.page.waitForSelector('body[data-loaded=true]');
        shown = await figures(view.page);
        expect(shown['activities-total']).toBe(
          String(sum(real.byRegion.rows, (r) => r.activities)),
        );
        state = await panels(view.page);
        expect(Object.values(state).every((p) => p.synthetic === 'false')).toBe(true);
        await shot(view.page, 'dashboard-programme');
      } finally {
        await view.close();
      }
    });

    it('coordination: gaps by region for the viewer signed in, overlaps in a State', async () => {
      const gateway = readGatewayConfig({});
      const token = await signToken(
        { sub: 'dashboard-editor', role: 'editor' },
        { secret: DEV_JWT_SECRET, issuer: gateway.jwtIssuer, audience: gateway.jwtAudience },
      );
      const view = await open('/dashboard/coordination?synthetic=1', async (context) => {
        await context.addInitScript((t) => sessionStorage.setItem('crg-dashboard-token', t), token);
      });
      try {
        expect(await view.page.textContent('#role')).toContain('editor');
        const gaps = await ask('CoordinationGaps', { includeSynthetic: true }, token);
        const publicGaps = await ask('CoordinationGaps', { includeSynthetic: true });
        const overlaps = await ask('CoordinationOverlaps', {
          country: 'KEN',
          includeSynthetic: true,
        });
        const shown = await figures(view.page);
        let editorTotal = 0;
        let publicTotal = 0;
        for (const region of ['africa', 'americas', 'asia', 'europe', 'oceania']) {
          expect(shown[`gaps-${gaps[region].region}`], region).toBe(
            String(gaps[region].gaps.length),
          );
          editorTotal += gaps[region].gaps.length;
          publicTotal += publicGaps[region].gaps.length;
          for (const gap of publicGaps[region].gaps) {
            expect(gap.assessment.confidentiality).toBe('PUBLIC');
          }
        }
        expect(editorTotal).toBeGreaterThanOrEqual(publicTotal);
        expect(shown['overlaps']).toBe(String(overlaps.overlaps.length));
        expect((await panels(view.page))['gaps']).toMatchObject({ state: 'ready' });
        // Keyboard: the first tab stop is the skip link, and the views are links.
        await view.page.keyboard.press('Tab');
        expect(await view.page.evaluate(() => document.activeElement?.className)).toBe('skip');
        await shot(view.page, 'dashboard-coordination');
      } finally {
        await view.close();
      }
    });

    it('degrades, never breaks: with the funding subgraph stopped its panels say so and the rest render', async () => {
      const funding = stack.subgraphs.find((s) => s.name === 'funding');
      expect(funding).toBeDefined();
      await funding!.close();
      const programme = await open('/dashboard/programme');
      try {
        const state = await panels(programme.page);
        expect(state['contributions']).toMatchObject({
          state: 'unavailable',
          unavailable: 'funding',
        });
        expect(state['contributions'].status).toMatch(/SUBGRAPH_UNAVAILABLE/);
        for (const id of ['delivery-region', 'delivery-pillar', 'delivery-sex', 'requests']) {
          expect(state[id], id).toMatchObject({ state: 'ready', chart: true });
        }
        await shot(programme.page, 'dashboard-degraded');
      } finally {
        await programme.close();
      }
      const country = await open('/dashboard/country/KEN');
      try {
        const state = await panels(country.page);
        expect(state['funding']).toMatchObject({ state: 'unavailable', unavailable: 'funding' });
        for (const id of ['profile', 'laws', 'coverage', 'assistance', 'partners']) {
          expect(state[id].state, id).toBe('ready');
        }
      } finally {
        await country.close();
      }
    });
  },
);
