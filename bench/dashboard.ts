import type { Browser, BrowserContext } from 'playwright-core';
import { hasChromium, launchChromium } from '../test/support/browser.js';

/** One load of the dashboard's first view (`/dashboard`), as the browser's Resource Timing saw it. */
export interface DashboardLoad {
  /** Every request of the view: the page, its scripts and styles, and its GraphQL GETs. */
  readonly requests: number;
  /** Of those, answered from the browser's cache without the network (`transferSize` 0). */
  readonly fromBrowserCache: number;
  /** Of those, answered `304 Not Modified` (revalidated with the ETag). */
  readonly notModified: number;
  /** GraphQL requests among them. */
  readonly graphqlRequests: number;
  /** Bytes over the wire (Resource Timing's `transferSize`, headers included). */
  readonly bytesTransferred: number;
  /** Bytes of the bodies, decoded. */
  readonly bytesDecoded: number;
  /** From navigation start to every panel drawn or settled (`dashboard-loaded` mark), ms. */
  readonly loadedMs: number;
}

export interface DashboardFirstView {
  readonly path: string;
  readonly rounds: number;
  /** Each state's median over the rounds. */
  readonly cold: DashboardLoad;
  readonly warmServerColdBrowser: DashboardLoad;
  readonly warm: DashboardLoad;
  readonly panels: { readonly ready: number; readonly other: number };
  readonly blocked: number;
}

interface Timing {
  name: string;
  transferSize: number;
  decodedBodySize: number;
  responseStatus?: number;
}

interface Profile {
  readonly context: BrowserContext;
  /** Requests to anything but loopback (the page's CSP forbids them; none is expected). */
  readonly offLoopback: string[];
}

/**
 * A browser profile with its HTTP cache on. Not test/support's loopbackOnlyContext: Playwright
 * turns the HTTP cache off in a context with request routing, and the cache is what is measured.
 * Requests off loopback are recorded instead of aborted (the page's CSP refuses them anyway).
 */
async function newProfile(browser: Browser): Promise<Profile> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const offLoopback: string[] = [];
  context.on('request', (request) => {
    const { hostname, protocol } = new URL(request.url());
    if (
      protocol !== 'data:' &&
      protocol !== 'blob:' &&
      !['127.0.0.1', 'localhost', '[::1]'].includes(hostname)
    ) {
      offLoopback.push(request.url());
    }
  });
  return { context, offLoopback };
}

async function loadOnce(browser: Browser, url: string, profile?: Profile) {
  const own = profile ?? (await newProfile(browser));
  const page = await own.context.newPage();
  await page.goto(url);
  await page.waitForSelector('body[data-loaded=true]', { timeout: 60_000 });
  const measured = await page.evaluate(() => {
    const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    const mark = performance.getEntriesByName('dashboard-loaded').at(-1);
    const all = [navigation, ...resources].map((e) => ({
      name: e.name,
      transferSize: e.transferSize,
      decodedBodySize: e.decodedBodySize,
      responseStatus: (e as PerformanceResourceTiming & { responseStatus?: number }).responseStatus,
    }));
    return { all, loadedMs: mark ? mark.startTime : Number.NaN };
  });
  const panels = await page.$$eval('[data-panel]', (nodes) =>
    nodes.map((n) => n.getAttribute('data-state')),
  );
  await page.close();
  const all: Timing[] = measured.all;
  const load: DashboardLoad = {
    requests: all.length,
    fromBrowserCache: all.filter((e) => e.transferSize === 0 && e.decodedBodySize > 0).length,
    notModified: all.filter((e) => e.responseStatus === 304).length,
    graphqlRequests: all.filter((e) => new URL(e.name).pathname === '/graphql').length,
    bytesTransferred: all.reduce((n, e) => n + e.transferSize, 0),
    bytesDecoded: all.reduce((n, e) => n + e.decodedBodySize, 0),
    loadedMs: measured.loadedMs,
  };
  return { load, panels, context: own };
}

function medianLoad(loads: readonly DashboardLoad[]): DashboardLoad {
  const m = (f: (l: DashboardLoad) => number) => {
    const sorted = loads.map(f).sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2
      ? (sorted[mid] ?? 0)
      : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  };
  return {
    requests: m((l) => l.requests),
    fromBrowserCache: m((l) => l.fromBrowserCache),
    notModified: m((l) => l.notModified),
    graphqlRequests: m((l) => l.graphqlRequests),
    bytesTransferred: m((l) => l.bytesTransferred),
    bytesDecoded: m((l) => l.bytesDecoded),
    loadedMs: m((l) => l.loadedMs),
  };
}

/**
 * The dashboard's first view in Debian's Chromium over loopback, three ways per round: cold (a new
 * browser profile, the gateway's shared caches emptied by `flush`), warm server with a cold
 * browser (a new profile), and warm (the same profile again: immutable assets from its cache, the
 * page revalidated by ETag, GraphQL GETs as their Cache-Control allows). Undefined without Chromium.
 */
export async function measureDashboard(
  origin: string,
  rounds: number,
  flush: () => Promise<void>,
): Promise<DashboardFirstView | undefined> {
  if (!hasChromium) {
    return undefined;
  }
  const path = '/dashboard';
  const url = `${origin}${path}`;
  const browser = await launchChromium();
  const cold: DashboardLoad[] = [];
  const warmServer: DashboardLoad[] = [];
  const warm: DashboardLoad[] = [];
  let panels: (string | null)[] = [];
  let blocked = 0;
  try {
    for (let round = 0; round < rounds; round += 1) {
      await flush();
      const first = await loadOnce(browser, url);
      cold.push(first.load);
      panels = first.panels;
      const again = await loadOnce(browser, url, first.context);
      warm.push(again.load);
      blocked += first.context.offLoopback.length;
      await first.context.context.close();
      const fresh = await loadOnce(browser, url);
      warmServer.push(fresh.load);
      blocked += fresh.context.offLoopback.length;
      await fresh.context.context.close();
    }
  } finally {
    await browser.close();
  }
  return {
    path,
    rounds,
    cold: medianLoad(cold),
    warmServerColdBrowser: medianLoad(warmServer),
    warm: medianLoad(warm),
    panels: {
      ready: panels.filter((p) => p === 'ready').length,
      other: panels.filter((p) => p !== 'ready').length,
    },
    blocked,
  };
}
