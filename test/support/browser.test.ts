import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchChromium,
  loopbackOnlyContext,
  noBrowserReason,
  skipWithoutBrowser,
} from './browser.js';

describe.skipIf(skipWithoutBrowser)(`the browser harness ${noBrowserReason ?? ''}`, () => {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(
      '<!doctype html><title>t</title><img src="https://cdn.example.org/x.png"><p id="p">loaded</p>',
    );
  });
  let url = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('loads a loopback page and blocks, and records, everything else', async () => {
    const browser = await launchChromium();
    try {
      const { context, blocked } = await loopbackOnlyContext(browser);
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'load' });
      expect(await page.textContent('#p')).toBe('loaded');
      expect(blocked).toEqual(['https://cdn.example.org/x.png']);
    } finally {
      await browser.close();
    }
  });
});
