import { readFileSync } from 'node:fs';
import semver from 'semver';
import type { Logger } from './logger.js';
import { projectPath } from './project-path.js';

/** The Node.js releases the project supports: `engines.node` in package.json, the one place. */
export function supportedNodeRange(): string {
  const pkg = JSON.parse(readFileSync(projectPath('package.json'), 'utf8')) as {
    engines?: { node?: string };
  };
  const range = pkg.engines?.node;
  if (!range || !semver.validRange(range)) {
    throw new Error(`package.json engines.node is not a version range: ${String(range)}`);
  }
  return range;
}

/** The newest major release the range names (`^20.19 || ^22.15 || ^24.11` → 24). */
export function newestSupportedMajor(range: string): number {
  return Math.max(
    ...new semver.Range(range).set.map((comparators) => comparators[0]!.semver.major),
  );
}

/** Why `version` (e.g. `process.version`) is not supported, or undefined when it is. */
export function unsupportedNodeReason(version: string, range: string): string | undefined {
  if (semver.satisfies(version, range)) {
    return undefined;
  }
  return (
    `Node.js ${version} is not a supported release (package.json engines: "${range}"). ` +
    `Use Node.js ${newestSupportedMajor(range)} LTS or another release in that range.`
  );
}

/** At an entry point: a clear warning on an unsupported Node.js release; the process goes on. */
export function warnOnUnsupportedNode(logger: Logger): string | undefined {
  const range = supportedNodeRange();
  const reason = unsupportedNodeReason(process.version, range);
  if (reason) {
    logger.warn({ node: process.version, supported: range }, reason);
  }
  return reason;
}
