import { SYNTHETIC_LABEL } from '../charts/figures/index.js';
import { renderSvg } from '../charts/render.js';
import { clientOperation } from '../operations/index.js';
import type { OperationCall } from './graph-client.js';
import { NO_RECORDS, type Figure, type Report, type Table } from './model.js';

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const STYLE = `
@page { size: A4; margin: 18mm 16mm 20mm 16mm; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10pt; color: #1a1a1a; line-height: 1.4; max-width: 190mm; margin: 0 auto; }
h1 { font-size: 20pt; margin: 0 0 6mm; }
h2 { font-size: 14pt; margin: 8mm 0 3mm; border-bottom: 1px solid #999; padding-bottom: 1mm; }
h3 { font-size: 11pt; margin: 5mm 0 2mm; }
.cover { page-break-after: always; }
.meta { color: #444; }
.edition { border: 1px solid #999; padding: 2mm 3mm; margin: 4mm 0; }
nav.toc ol { padding-left: 6mm; }
nav.toc a { color: inherit; text-decoration: none; }
section.chapter { page-break-before: always; }
figure { margin: 4mm 0 6mm; page-break-inside: avoid; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-weight: bold; margin-bottom: 2mm; }
.basis, .note { font-size: 8.5pt; color: #444; margin: 1mm 0; }
.synthetic { font-style: italic; color: #7f7f7f; }
.empty { border: 1px dashed #999; padding: 4mm; color: #444; text-align: center; }
.not-recorded { font-size: 9pt; color: #444; border-left: 3px solid #E69F00; padding-left: 3mm; }
table { border-collapse: collapse; width: 100%; font-size: 8pt; margin: 2mm 0; }
th, td { border: 1px solid #bbb; padding: 1mm 1.5mm; text-align: left; vertical-align: top; overflow-wrap: break-word; }
th { min-width: 10mm; }
th { background: #eee; }
tr { page-break-inside: avoid; }
pre { font-size: 7pt; white-space: pre-wrap; word-break: break-all; background: #f6f6f6; padding: 2mm; }
`;

function tableHtml(table: Table): string {
  return `<table><thead><tr>${table.head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${table.rows
    .map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

function figureHtml(figure: Figure): string {
  const parts = [`<figcaption>${escapeHtml(`${figure.id}. ${figure.title}`)}</figcaption>`];
  if (figure.empty) {
    parts.push(`<p class="empty">${NO_RECORDS}</p>`);
  } else {
    if (figure.chart?.option) {
      parts.push(
        `<div class="chart" data-figure="${escapeHtml(figure.id)}">${renderSvg(figure.chart.option, figure.chart)}</div>`,
      );
    }
    if (figure.table) {
      parts.push(tableHtml(figure.table));
    }
  }
  if (figure.synthetic) {
    parts.push(`<p class="synthetic">${SYNTHETIC_LABEL}.</p>`);
  }
  parts.push(
    `<p class="basis">${escapeHtml(figure.basis)} Operations: ${figure.calls
      .map((c) => `<a href="#call-${escapeHtml(c)}">${escapeHtml(c)}</a>`)
      .join(', ')} (Annex A).</p>`,
  );
  for (const note of figure.notes) {
    parts.push(`<p class="note">${escapeHtml(note)}</p>`);
  }
  return `<figure id="${escapeHtml(figure.id.toLowerCase().replace(/\s+/g, '-'))}">${parts.join('')}</figure>`;
}

/** The operations annex: every call with its variables, then each operation's document once. */
export function annexHtml(calls: readonly OperationCall[]): string {
  const names = [...new Set(calls.map((c) => c.operation))];
  return `<section class="chapter" id="annex-a"><h2>Annex A. Operations behind the figures</h2>
<p>Each figure names the calls it rests on. To ask one again, send the operation below with the variables shown to the endpoint (POST, JSON body <code>{"query", "variables"}</code>), or as an automatic persisted query by its SHA-256 hash.</p>
<table><thead><tr><th>Call</th><th>Operation</th><th>Variables</th></tr></thead><tbody>${calls
    .map(
      (c) =>
        `<tr id="call-${escapeHtml(c.id)}"><td>${escapeHtml(c.id)}</td><td>${escapeHtml(c.operation)}</td><td><code>${escapeHtml(JSON.stringify(c.variables))}</code></td></tr>`,
    )
    .join('')}</tbody></table>
${names
  .map((name) => {
    const operation = clientOperation(name);
    return `<h3 id="operation-${escapeHtml(name)}">${escapeHtml(name)}</h3><p class="note">${escapeHtml(operation.description)} SHA-256 ${escapeHtml(operation.sha256)}; file clients/operations/${escapeHtml(name)}.graphql.</p><pre>${escapeHtml(operation.body)}</pre>`;
  })
  .join('\n')}
</section>`;
}

/** The report as one standalone HTML page: inline SVG charts, no script, nothing fetched. */
export function renderHtml(report: Report, calls: readonly OperationCall[]): string {
  const toc = report.sections
    .map((s) => `<li><a href="#${s.id}">${escapeHtml(s.title)}</a></li>`)
    .concat('<li class="annex"><a href="#annex-a">Annex A. Operations behind the figures</a></li>')
    .join('');
  const sections = report.sections
    .map((s) => {
      const body = [
        ...s.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
        ...(s.figures.every((f) => f.empty) ? [`<p class="empty">${NO_RECORDS}</p>`] : []),
        ...s.figures.map(figureHtml),
        ...(s.notRecorded.length > 0
          ? [
              `<p class="not-recorded">Not yet recorded in the graph: ${escapeHtml(s.notRecorded.join('; '))}.</p>`,
            ]
          : []),
      ];
      return `<section class="chapter" id="${s.id}"><h2>${s.number}. ${escapeHtml(s.title)}</h2>${body.join('\n')}</section>`;
    })
    .join('\n');
  const edition =
    report.edition === 'public'
      ? 'Public edition: made without credentials; restricted needs-assessment findings are not shown.'
      : 'Made with the rights of an authenticated viewer: it may list restricted needs-assessment findings. Not for publication.';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(report.title)}, ${report.period.from} to ${report.period.to}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${STYLE}</style></head>
<body>
<div class="cover">
<p class="meta">Report of the Executive Director to the Commission on Crime Prevention and Criminal Justice</p>
<h1>${escapeHtml(report.title)}</h1>
<p class="meta">Period: ${report.period.from} to ${report.period.to}<br>Generated ${escapeHtml(report.generatedAt)} from ${escapeHtml(report.endpoint)}<br>${
    report.includeSynthetic
      ? '<strong>Includes synthetic (illustrative) records</strong>: every figure that counts them says so.'
      : 'Real records only: synthetic (illustrative) records are left out.'
  }</p>
<p class="edition">${escapeHtml(edition)}</p>
<nav class="toc"><h2>Contents</h2><ol>${toc}</ol></nav>
</div>
${sections}
${annexHtml(calls)}
</body></html>
`;
}
