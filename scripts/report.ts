import 'reflect-metadata';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateReport, renderMarkdown, ReportError } from '../clients/report/index.js';
import { htmlToPdf } from '../clients/report/pdf.js';

// `npm run report -- --from 2025-01-01 --to 2025-12-31 [--out dir] [--format html,pdf,md]
// [--include-synthetic] [--endpoint http://127.0.0.1:4000/graphql]`: the implementation report to
// the Commission (res. 22/8, para. 7), asked of the running gateway over HTTP. REPORT_TOKEN, when
// set, is sent as the bearer token (the report then has that viewer's rights).

const FORMATS = ['html', 'pdf', 'md'] as const;
type Format = (typeof FORMATS)[number];

function fail(field: string, message: string): never {
  process.stderr.write(`report: ${field}: ${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        out: { type: 'string' },
        format: { type: 'string', default: 'html,pdf,md' },
        'include-synthetic': { type: 'boolean', default: false },
        endpoint: { type: 'string', default: 'http://127.0.0.1:4000/graphql' },
      },
      strict: true,
    }));
  } catch (error) {
    fail(
      'arguments',
      `${(error as Error).message}. Usage: npm run report -- --from YYYY-MM-DD --to YYYY-MM-DD [--out dir] [--format html,pdf,md] [--include-synthetic] [--endpoint URL]`,
    );
  }
  const formats = values.format
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  const unknown = formats.filter((f) => !(FORMATS as readonly string[]).includes(f));
  if (formats.length === 0 || unknown.length > 0) {
    fail(
      'format',
      `unknown format ${unknown.map((f) => `"${f}"`).join(', ') || '(none)'}; choose among ${FORMATS.join(', ')}.`,
    );
  }
  const token = process.env['REPORT_TOKEN'];
  const generated = await generateReport({
    from: values.from,
    to: values.to,
    includeSynthetic: values['include-synthetic'],
    endpoint: values.endpoint,
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  });
  const { report } = generated;
  const out = resolve(
    values.out ?? join('dist', 'reports', `${report.period.from}_${report.period.to}`),
  );
  await mkdir(out, { recursive: true });
  const written: string[] = [];
  const write = async (name: string, content: string | Buffer) => {
    const path = join(out, name);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
    written.push(path);
  };
  for (const format of formats as Format[]) {
    if (format === 'html') {
      await write('report.html', generated.html);
    } else if (format === 'md') {
      const { markdown, files } = renderMarkdown(report, generated.calls);
      await write('report.md', markdown);
      for (const [name, svg] of Object.entries(files)) {
        await write(name, svg);
      }
    } else {
      await write(
        'report.pdf',
        await htmlToPdf(generated.html, process.env['CHROMIUM_PATH'] || undefined),
      );
    }
  }
  const figures = report.sections.flatMap((s) => s.figures);
  process.stdout.write(
    `Report ${report.period.from} to ${report.period.to} (${report.edition} edition${report.includeSynthetic ? ', with synthetic records labelled' : ''}): ` +
      `${report.sections.length} sections, ${figures.length} figures and tables (${figures.filter((f) => f.empty).length} with no records in the period), ` +
      `${generated.calls.length} operation calls to ${report.endpoint}\n${written.map((p) => `  ${p}`).join('\n')}\n`,
  );
}

main().catch((error: unknown) => {
  if (error instanceof ReportError) {
    fail(error.field, error.message);
  }
  process.stderr.write(`report: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
