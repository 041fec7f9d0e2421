import { existsSync } from 'node:fs';
import type { BrowserType } from 'playwright-core';
import { ReportError } from './graph-client.js';

/** Debian's Chromium (`apt-get install -y chromium`); `CHROMIUM_PATH` points elsewhere. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

const FOOTER = `<div style="font-size:8px; width:100%; text-align:center; color:#555; font-family:sans-serif;">
Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>`;

/**
 * Prints the report's HTML to an A4 PDF with page numbers, through headless Chromium driven by
 * playwright-core (loaded here only, so the gateway serving HTML never needs it). The page has
 * no script and fetches nothing: the network is refused.
 */
export async function htmlToPdf(html: string, chromiumPath = DEFAULT_CHROMIUM): Promise<Buffer> {
  if (!existsSync(chromiumPath)) {
    throw new ReportError(
      'format',
      `PDF needs Chromium at ${chromiumPath} (Debian: apt-get install -y chromium, or set CHROMIUM_PATH); ask for --format html,md without it.`,
    );
  }
  let chromium: BrowserType;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    throw new ReportError(
      'format',
      'PDF needs the playwright-core package (a development dependency: npm ci installs it); ask for --format html,md without it.',
    );
  }
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-dev-shm-usage',
    ],
  });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false });
    await context.route('**/*', (route) => route.abort('blockedbyclient'));
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<div></div>',
      footerTemplate: FOOTER,
      margin: { top: '18mm', bottom: '20mm', left: '16mm', right: '16mm' },
      outline: true,
      tagged: true,
    });
  } finally {
    await browser.close();
  }
}
