import { collectReportData } from './collect.js';
import { graphClient, ReportError, type OperationCall } from './graph-client.js';
import { renderHtml } from './html.js';
import { buildReport, type Report } from './model.js';
import { parsePeriod } from './period.js';

export { ReportError } from './graph-client.js';
export { renderMarkdown } from './markdown.js';
export { NO_RECORDS, type Report, type Figure, type Section } from './model.js';
export { parsePeriod, type Period } from './period.js';

export interface ReportRequest {
  readonly from: string | undefined;
  readonly to: string | undefined;
  readonly includeSynthetic?: boolean;
  /** The gateway's GraphQL endpoint. */
  readonly endpoint: string;
  /** The viewer's Authorization header, forwarded to the graph; none: the public edition. */
  readonly authorization?: string;
  /** For a reproducible cover; default now. */
  readonly generatedAt?: string;
}

export interface GeneratedReport {
  readonly report: Report;
  readonly calls: readonly OperationCall[];
  readonly html: string;
}

/**
 * The implementation report for a period, from the graph over HTTP with the viewer's rights.
 * Throws ReportError naming what was wrong: the period (`from`, `to`), a period without records
 * (`period`), an unreachable or refusing endpoint (`endpoint`, `authorization`).
 */
export async function generateReport(request: ReportRequest): Promise<GeneratedReport> {
  const period = parsePeriod(request.from, request.to);
  const client = graphClient({
    endpoint: request.endpoint,
    ...(request.authorization ? { authorization: request.authorization } : {}),
  });
  const data = await collectReportData(client, period, request.includeSynthetic ?? false);
  const report = buildReport(data, {
    endpoint: client.endpoint,
    edition: request.authorization ? 'authorised' : 'public',
    generatedAt: request.generatedAt ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
  });
  if (!report.hasPeriodRecords) {
    throw new ReportError(
      'period',
      `No records in the period ${period.from} to ${period.to}: no treaty action, activity, request, partnership, contribution, law verified or adopted, case or lessons-learned source is dated in it${
        request.includeSynthetic
          ? ''
          : ' (synthetic records left out; --include-synthetic or includeSynthetic=true lets them in)'
      }. Choose a period with data.`,
      422,
    );
  }
  return { report, calls: client.calls, html: renderHtml(report, client.calls) };
}
