import { mkdir, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPath } from '../../loaders/project-path.js';
import {
  skipWithoutBrowser,
  launchChromium,
  loopbackOnlyContext,
  noBrowserReason,
} from '../support/browser.js';
import { startBuiltStack, type ChildService } from '../support/processes.js';

/** A blank page on a port of its own: another origin than the gateway's. */
async function blankOrigin(): Promise<{ server: Server; origin: string }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>dashboard</title><p id="p">another origin</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** What a cross-origin page's fetch to the gateway got, as the page sees it. */
interface CrossOriginAnswer {
  readonly ok: boolean;
  readonly status?: number;
  readonly body?: unknown;
  readonly error?: string;
}

/**
 * Clicks GraphiQL's run button until the named operation's request goes out, and returns its
 * answer's body. A click that lands before GraphiQL has taken the editor's text into its state
 * sends nothing (seen once in CI): waiting for the request, not its answer, means a slow answer
 * is never cancelled by a second click, and a failed answer is shown whole, not as a timeout.
 */
async function runShown(
  page: Page,
  operationName: string,
  logs: () => string = () => '',
  run: () => Promise<void> = () => page.locator('.graphiql-execute-button').click(),
): Promise<string> {
  const isIt = (r: Request) =>
    r.url().includes('/graphql') &&
    r.method() === 'POST' &&
    (r.postData() ?? '').includes(operationName);
  let request: Request | undefined;
  for (let attempt = 0; attempt < 4 && !request; attempt += 1) {
    const sending = page.waitForRequest(isIt, { timeout: 10_000 }).catch(() => undefined);
    await run();
    request = await sending;
  }
  expect(request, `${operationName} was sent`).toBeDefined();
  // Sent under its own name, even by a Run the moment its recipe was chosen.
  expect((request!.postDataJSON() as { operationName?: unknown }).operationName).toBe(
    operationName,
  );
  const answer = await request!.response();
  const body = (await answer?.text()) ?? '';
  // A failure names the stack's own log (its last lines): a masked error is logged there whole.
  expect(answer?.status(), `${body}\n--- stack log ---\n${logs().slice(-6_000)}`).toBe(200);
  return body;
}

describe.skipIf(skipWithoutBrowser)(`the explorer in Chromium ${noBrowserReason ?? ''}`, () => {
  let stack: ChildService;
  let gateway: string;
  let allowed: { server: Server; origin: string };
  let other: { server: Server; origin: string };

  beforeAll(async () => {
    allowed = await blankOrigin();
    other = await blankOrigin();
    stack = await startBuiltStack({ CORS_ORIGINS: allowed.origin });
    gateway = stack.found;
  });
  afterAll(async () => {
    allowed?.server.close();
    other?.server.close();
    expect(await stack?.stop()).toBe(0);
  });

  it('opens at /graphql offline, runs a cookbook query, shows the answer and downloads it as CSV', async () => {
    const browser = await launchChromium();
    try {
      const { context, blocked } = await loopbackOnlyContext(browser, {
        acceptDownloads: true,
        viewport: { width: 1400, height: 850 },
      });
      const page = await context.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));
      await page.goto(gateway, { waitUntil: 'load' });
      const recipe = page.locator('[data-operation="ProductionOrderProvisionsInForce"]');
      await recipe.waitFor({ timeout: 30_000 });
      // Enabled once the editors are up. Chosen and run in one task, as an analyst's quick
      // Ctrl-Enter may: before GraphiQL parses the new text, which once sent the welcome
      // recipe's operation name with it.
      await recipe.click({ timeout: 30_000, trial: true });
      const chooseAndRun = async () => {
        await page.evaluate(`(() => {
          document.querySelector('[data-operation="ProductionOrderProvisionsInForce"]').click();
          document.querySelector('.graphiql-execute-button').click();
        })()`);
      };
      expect(
        await runShown(
          page,
          'ProductionOrderProvisionsInForce',
          () => stack.output(),
          chooseAndRun,
        ),
      ).toContain('Philippines');
      const response = page.locator('.graphiql-response');
      await response.getByText('Philippines').first().waitFor({ timeout: 30_000 });
      // Monaco draws spaces as no-break spaces.
      const shown = (await response.textContent())?.replace(/\u00a0/g, ' ');
      expect(shown).toContain('"label": "s. 14"');

      const downloading = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Download the result as CSV' }).click();
      const download = await downloading;
      expect(download.suggestedFilename()).toBe('ProductionOrderProvisionsInForce.csv');
      const path = join(tmpdir(), `crg-explorer-${process.pid}.csv`);
      await download.saveAs(path);
      const csv = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
      expect(csv.split('\r\n')).toEqual([
        'searchProvisions.provision.label,searchProvisions.provision.country.iso3,searchProvisions.provision.country.name',
        's. 14,PHL,Philippines',
        '',
      ]);
      await page.getByText('Downloaded ProductionOrderProvisionsInForce.csv').waitFor();
      if (process.env['UPDATE_SCREENSHOTS'] === '1') {
        await mkdir(projectPath('docs', 'images'), { recursive: true });
        await page.screenshot({ path: projectPath('docs', 'images', 'explorer.png') });
      }
      // Nothing was asked of any host but the gateway: no CDN, no telemetry, no fonts.
      expect(blocked).toEqual([]);
      expect(pageErrors).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('opens the operation a link names (/?operation=…), as the dashboard links its charts', async () => {
    const browser = await launchChromium();
    try {
      const { context, blocked } = await loopbackOnlyContext(browser);
      const page = await context.newPage();
      const root = gateway.replace(/\/graphql$/, '/');
      await page.goto(`${root}?operation=UnitedKingdomBudapestGaps`, { waitUntil: 'load' });
      const editor = page.locator('.graphiql-query-editor');
      await editor.getByText('UnitedKingdomBudapestGaps').first().waitFor({ timeout: 30_000 });
      expect(await runShown(page, 'UnitedKingdomBudapestGaps', () => stack.output())).toContain(
        'United Kingdom',
      );
      const response = page.locator('.graphiql-response');
      await response.getByText('United Kingdom').first().waitFor({ timeout: 30_000 });
      const query = await page.locator('.graphiql-query-editor').textContent();
      expect(query?.replace(/\u00a0/g, ' ')).toContain('legalCoverage(scheme: BUDAPEST)');
      expect(blocked).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('answers a page of an allowed origin that sends apollographql-client-name and traceparent, and refuses another origin', async () => {
    const browser = await launchChromium();
    try {
      const { context } = await loopbackOnlyContext(browser);
      const ask = async (origin: string): Promise<CrossOriginAnswer> => {
        const page = await context.newPage();
        await page.goto(origin, { waitUntil: 'load' });
        return page.evaluate(async (url): Promise<CrossOriginAnswer> => {
          try {
            const response = await fetch(url, {
              method: 'POST',
              headers: {
                'content-type': 'application/json',
                'apollographql-client-name': 'dashboard',
                'apollographql-client-version': '1.0.0',
                traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
                tracestate: 'crg=1',
              },
              body: JSON.stringify({ query: '{ country(iso3: "KEN") { name } }' }),
            });
            return { ok: response.ok, status: response.status, body: await response.json() };
          } catch (error) {
            return { ok: false, error: String(error) };
          }
        }, gateway);
      };
      expect(await ask(allowed.origin)).toEqual({
        ok: true,
        status: 200,
        body: { data: { country: { name: 'Kenya' } } },
      });
      const refused = await ask(other.origin);
      expect(refused.ok).toBe(false);
      expect(refused.error).toMatch(/Failed to fetch/);
    } finally {
      await browser.close();
    }
  });
});
