import { execFile } from 'node:child_process';
import { access, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { root } from './options.js';

const run = promisify(execFile);

/**
 * `--baseline <git ref>`: the graph as it was at another commit, built once into a scratch folder
 * (`git archive`, `npm ci`, `tsc`) and kept there for later runs, so the same run can measure the
 * working tree against it: the `baseline` mode starts that commit's gateway and subgraphs on the
 * same database and Redis. Both must share the migrations (the database is loaded once, by this
 * tree). Returns the commit and the folder.
 */
export async function prepareBaseline(ref: string): Promise<{ commit: string; dir: string }> {
  const { stdout } = await run('git', ['rev-parse', '--verify', `${ref}^{commit}`], { cwd: root });
  const commit = stdout.trim();
  const dir = join(tmpdir(), `crg-bench-baseline-${commit.slice(0, 12)}`);
  const built = await access(join(dir, 'dist', 'gateway', 'main.js')).then(
    () => true,
    () => false,
  );
  if (built) {
    return { commit, dir };
  }
  process.stderr.write(`Building the baseline ${ref} (${commit.slice(0, 12)}) in ${dir}\n`);
  await mkdir(dir, { recursive: true });
  await run('sh', ['-c', `git archive ${commit} | tar -x -C '${dir}'`], { cwd: root });
  const options = { cwd: dir, maxBuffer: 64 * 1024 * 1024 };
  await run('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], options);
  await run('npx', ['tsc', '-p', 'tsconfig.json'], options);
  return { commit, dir };
}
