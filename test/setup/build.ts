import { execFileSync } from 'node:child_process';
import { projectPath } from '../../loaders/project-path.js';

/**
 * What the tests run from `dist/`, built before the projects that need it, and only then: the
 * end-to-end files start the built graph (`dist/scripts/start.js`, `dist/gateway/main.js`), and
 * the dashboard's browser test serves the built web client (`dist/web`). Unit and integration
 * files run the sources and need no build, so `npm test` without them skips the compiler's half
 * minute. A failed build fails the run before any test starts.
 */
const BUILT = 'CRG_TEST_BUILT';

export function build(script: 'build' | 'build:web'): void {
  // One run builds once: `build` (everything) also covers `build:web`.
  if (process.env[BUILT] === 'build' || process.env[BUILT] === script) {
    return;
  }
  execFileSync('npm', ['run', script, '--silent'], { cwd: projectPath(), stdio: 'inherit' });
  process.env[BUILT] = script;
}

/** Vitest's global setup of the end-to-end project. */
export default function setup(): void {
  build('build');
}
