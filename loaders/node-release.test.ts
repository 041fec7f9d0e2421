import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import {
  newestSupportedMajor,
  supportedNodeRange,
  unsupportedNodeReason,
  warnOnUnsupportedNode,
} from './node-release.js';

const RANGE = '^20.19 || ^22.15 || ^24.11';

describe('supported Node.js releases', () => {
  it('package.json engines names 22 and 24 LTS, and the release running these tests', () => {
    const range = supportedNodeRange();
    expect(unsupportedNodeReason('v22.23.3', range)).toBeUndefined();
    expect(unsupportedNodeReason('v24.21.0', range)).toBeUndefined();
    expect(newestSupportedMajor(range)).toBe(24);
    expect(unsupportedNodeReason(process.version, range)).toBeUndefined();
  });

  it('accepts the releases in the range', () => {
    for (const version of [
      'v20.19.0',
      'v20.20.2',
      'v22.15.0',
      'v22.23.3',
      'v24.11.0',
      'v24.21.0',
    ]) {
      expect(unsupportedNodeReason(version, RANGE), version).toBeUndefined();
    }
  });

  it('names the release, the range and the newest LTS when a release is outside it', () => {
    for (const version of ['v18.20.8', 'v20.18.3', 'v21.7.3', 'v22.14.0', 'v23.11.1', 'v26.10.0']) {
      const reason = unsupportedNodeReason(version, RANGE);
      expect(reason, version).toContain(`Node.js ${version} is not a supported release`);
      expect(reason, version).toContain(RANGE);
      expect(reason, version).toContain('Node.js 24 LTS');
    }
  });

  it('logs nothing on a supported release', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    expect(warnOnUnsupportedNode(pino({ level: 'info' }, sink))).toBeUndefined();
    expect(lines).toEqual([]);
  });
});
