import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { projectPath } from '../loaders/project-path.js';
import { ANALYSIS_MARKER } from './options.js';
import { renderPerformanceDoc, type RunReport } from './report.js';
import { ALL_MODES } from './topology.js';

// docs/performance.md and the files a run writes: formatted as the repository formats them.

/** Written files follow the repository's Prettier settings, so `npm run check:format` stays green. */
export async function formatted(text: string, parser: 'markdown' | 'json'): Promise<string> {
  const prettier = await import('prettier');
  const options = await prettier.resolveConfig(projectPath('package.json'));
  return prettier.format(text, { ...options, parser });
}

/** The latest full (not quick) report of each scale in bench/results, newest first by date. */
async function latestReports(): Promise<Map<number, { report: RunReport; base: string }>> {
  const dir = projectPath('bench', 'results');
  const latest = new Map<number, { report: RunReport; base: string }>();
  for (const file of (await readdir(dir)).filter((f) =>
    /^\d{4}-\d{2}-\d{2}-scale\d+\.json$/.test(f),
  )) {
    const report = JSON.parse(await readFile(join(dir, file), 'utf8')) as RunReport;
    // The headline ratios need every mode: a partial scale-1 run does not replace a full one.
    if (
      report.scale === 1 &&
      !ALL_MODES.every((m) => report.modes.some((x) => x.name === m.name))
    ) {
      continue;
    }
    const current = latest.get(report.scale);
    if (!current || current.report.date < report.date) {
      latest.set(report.scale, { report, base: `../bench/results/${file.replace(/\.json$/, '')}` });
    }
  }
  return latest;
}

/** Every run labelled `tracing` or `tracing-<name>` (`--label`), for docs/performance.md. */
async function tracingReports(): Promise<{ report: RunReport; base: string }[]> {
  const dir = projectPath('bench', 'results');
  const files = (await readdir(dir))
    .filter((f) => /^\d{4}-\d{2}-\d{2}-scale1-tracing(-[a-z0-9-]+)?\.json$/.test(f))
    .sort();
  return Promise.all(
    files.map(async (file) => ({
      report: JSON.parse(await readFile(join(dir, file), 'utf8')) as RunReport,
      base: `../bench/results/${file.replace(/\.json$/, '')}`,
    })),
  );
}

/**
 * docs/performance.md from the latest full scale-1 run and the latest larger scales; the
 * hand-written analysis below the marker survives regeneration.
 */
export async function writePerformanceDoc(): Promise<void> {
  const latest = await latestReports();
  const base = latest.get(1);
  if (!base) {
    return;
  }
  const doc = projectPath('docs', 'performance.md');
  const previous = await readFile(doc, 'utf8').catch(() => '');
  const kept = previous.includes(ANALYSIS_MARKER)
    ? previous.slice(previous.indexOf(ANALYSIS_MARKER))
    : `${ANALYSIS_MARKER}\n`;
  const tracing = await tracingReports();
  await writeFile(
    doc,
    await formatted(
      `${renderPerformanceDoc(
        base.report,
        base.base,
        [...latest.values()].map((l) => l.report),
        tracing,
      )}\n${kept}`,
      'markdown',
    ),
  );
}
