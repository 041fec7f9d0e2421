import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

// `npm run fuzz -- --runs N [--seed S]`: the hostile-input suite (test/gateway/hostile-fuzz.test.ts)
// with N generated documents and N generated raw HTTP requests, against the services the
// environment names (DATABASE_URL, REDIS_URL; embedded PostgreSQL and memory otherwise).
const { values } = parseArgs({
  options: { runs: { type: 'string', default: '10000' }, seed: { type: 'string' } },
});
const runs = Number(values.runs);
const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
if (!Number.isInteger(runs) || runs <= 0 || !Number.isInteger(seed)) {
  process.stderr.write('Usage: npm run fuzz -- --runs N [--seed S] (positive integers)\n');
  process.exit(64);
}
process.stdout.write(`fuzz: ${runs} documents + ${runs} raw requests, seed ${seed}\n`);
const started = Date.now();
const result = spawnSync(
  'npx',
  ['vitest', 'run', '--config', 'test/vitest.config.ts', 'test/gateway/hostile-fuzz.test.ts'],
  { stdio: 'inherit', env: { ...process.env, FUZZ_RUNS: String(runs), FUZZ_SEED: String(seed) } },
);
const seconds = Math.round((Date.now() - started) / 1000);
process.stdout.write(
  `fuzz: ${2 * runs} cases, seed ${seed}, ${seconds} s, ${result.status === 0 ? 'no failure' : 'FAILED'}\n`,
);
process.exit(result.status ?? 1);
