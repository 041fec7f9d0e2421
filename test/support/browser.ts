import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { inCI } from './services.js';

/**
 * Debian's Chromium (`apt-get install -y chromium`, done by `.ci/run`), driven by playwright-core:
 * a package manager's own browser download does not work on these machines. `CHROMIUM_PATH`
 * points elsewhere. Under CI=true a missing browser fails the run; elsewhere browser tests are
 * reported as skipped with this reason.
 */
export const chromiumPath = process.env['CHROMIUM_PATH'] || '/usr/bin/chromium';
export const hasChromium = existsSync(chromiumPath);
if (!hasChromium && inCI) {
  throw new Error(
    `No Chromium at ${chromiumPath}, and CI=true: browser tests must run (.ci/run installs Debian's chromium).`,
  );
}
/**
 * Browser tests skip only off CI and only without a browser: under CI=true this is always false
 * (and a missing browser has already thrown above), so a missing Chromium fails the run.
 */
export const skipWithoutBrowser = !hasChromium && !inCI;
export const noBrowserReason = hasChromium
  ? undefined
  : `no Chromium at ${chromiumPath} (apt-get install -y chromium, or set CHROMIUM_PATH)`;

/** Flags that keep a headless Chromium off this machine's closed network and quick to start. */
const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * A browser context whose network reaches only loopback: every request to another host is aborted
 * and recorded in `blocked`, so a test can assert the page asked for nothing outside (no CDN, no
 * telemetry) and still worked.
 */
export async function loopbackOnlyContext(
  browser: Browser,
  options: Parameters<Browser['newContext']>[0] = {},
): Promise<{ context: BrowserContext; blocked: string[] }> {
  const context = await browser.newContext(options);
  const blocked: string[] = [];
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'data:' || url.protocol === 'blob:' || LOOPBACK.has(url.hostname)) {
      await route.continue();
    } else {
      blocked.push(url.toString());
      await route.abort('blockedbyclient');
    }
  });
  return { context, blocked };
}
