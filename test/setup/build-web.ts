import { hasChromium } from '../support/browser.js';
import { build } from './build.js';

/**
 * Vitest's global setup of the browser project: the web client it serves, built when there is a
 * browser to test it (without one, and off CI, its tests are reported as skipped).
 */
export default function setup(): void {
  if (hasChromium) {
    build('build:web');
  }
}
