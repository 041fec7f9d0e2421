import { SYNTHETIC_LABEL } from '../charts/figures/index.js';
import { renderSvg } from '../charts/render.js';
import { clientOperation } from '../operations/index.js';
import type { OperationCall } from './graph-client.js';
import { NO_RECORDS, type Figure, type Report, type Table } from './model.js';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function tableMd(table: Table): string {
  return [
    `| ${table.head.map(cell).join(' | ')} |`,
    `| ${table.head.map(() => '---').join(' | ')} |`,
    ...table.rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ].join('\n');
}

/** A figure's chart file name in the `figures/` folder beside the Markdown. */
export function chartFileName(figure: Figure): string {
  return `${figure.id.toLowerCase().replace(/\s+/g, '-')}.svg`;
}

/**
 * The report as Markdown for editing; each chart is an SVG file in `figures/` (returned in
 * `files`, keyed by relative path), linked as an image.
 */
export function renderMarkdown(
  report: Report,
  calls: readonly OperationCall[],
): { markdown: string; files: Record<string, string> } {
  const files: Record<string, string> = {};
  const lines: string[] = [
    `# ${report.title}`,
    '',
    `Period: ${report.period.from} to ${report.period.to}. Generated ${report.generatedAt} from ${report.endpoint}.`,
    '',
    report.includeSynthetic
      ? '**Includes synthetic (illustrative) records**: every figure that counts them says so.'
      : 'Real records only: synthetic (illustrative) records are left out.',
    '',
    report.edition === 'public'
      ? '_Public edition: made without credentials; restricted needs-assessment findings are not shown._'
      : '_Made with the rights of an authenticated viewer: it may list restricted needs-assessment findings. Not for publication._',
    '',
    '## Contents',
    '',
    ...report.sections.map((s) => `${s.number}. [${s.title}](#${s.id})`),
    `${report.sections.length + 1}. [Annex A. Operations behind the figures](#annex-a)`,
    '',
  ];
  for (const section of report.sections) {
    lines.push(`<a id="${section.id}"></a>`, '', `## ${section.number}. ${section.title}`, '');
    lines.push(...section.paragraphs.flatMap((p) => [p, '']));
    if (section.figures.every((f) => f.empty)) {
      lines.push(NO_RECORDS, '');
    }
    for (const figure of section.figures) {
      lines.push(`### ${figure.id}. ${figure.title}`, '');
      if (figure.empty) {
        lines.push(`_${NO_RECORDS}_`, '');
      } else {
        if (figure.chart?.option) {
          const name = `figures/${chartFileName(figure)}`;
          files[name] = renderSvg(figure.chart.option, figure.chart);
          lines.push(`![${figure.id}. ${figure.title}](${name})`, '');
        }
        if (figure.table) {
          lines.push(tableMd(figure.table), '');
        }
      }
      if (figure.synthetic) {
        lines.push(`_${SYNTHETIC_LABEL}._`, '');
      }
      lines.push(`${figure.basis} Operations: ${figure.calls.join(', ')} (Annex A).`, '');
      lines.push(...figure.notes.flatMap((note) => [`_${note}_`, '']));
    }
    if (section.notRecorded.length > 0) {
      lines.push(`> Not yet recorded in the graph: ${section.notRecorded.join('; ')}.`, '');
    }
  }
  lines.push('<a id="annex-a"></a>', '', '## Annex A. Operations behind the figures', '');
  lines.push(
    tableMd({
      head: ['Call', 'Operation', 'Variables'],
      rows: calls.map((c) => [c.id, c.operation, `\`${JSON.stringify(c.variables)}\``]),
    }),
    '',
  );
  for (const name of new Set(calls.map((c) => c.operation))) {
    const operation = clientOperation(name);
    lines.push(
      `### ${name}`,
      '',
      `${operation.description} SHA-256 \`${operation.sha256}\`.`,
      '',
      '```graphql',
      operation.body,
      '```',
      '',
    );
  }
  return { markdown: lines.join('\n'), files };
}
