import type { DashboardFirstView, DashboardLoad } from './dashboard.js';
import { find, fmt, ratio } from './format.js';
import { renderTracing } from './tracing-report.js';
import type { GatewaysReport } from './workloads/gateways.js';
import { renderWorkloads, type WorkloadsReport } from './workloads/report.js';
import {
  renderCapacity,
  renderTwoGateways,
  twoGatewaysTarget,
} from './workloads/scaling-report.js';
/** What a load measurement gives, for a single query or a workload. */
export interface LoadFigures {
  requestsPerSecond: number;
  requests: number;
  p50: number;
  p95: number;
  p99: number;
  gatewayCpuMsPerRequest: number;
  subgraphsCpuMsPerRequest: number;
  /** Resident set size of each gateway process after the load, MB (absent in older runs). */
  gatewayRssMb?: number[];
}

/** One mode × query measurement (medians across rounds once aggregated). */
export interface ModeResult extends LoadFigures {
  mode: string;
  query: string;
  /** CPU per request with one request at a time (the strict pass): nothing shared between requests. */
  sequentialGatewayCpuMsPerRequest?: number;
  sequentialSubgraphsCpuMsPerRequest?: number;
  sqlPerRequest: number | null;
  entityCacheHitRatio: number | null;
  peakRssMb: Record<string, number>;
  /** Wrong answers: non-200 status or a body that fails the shape check. */
  errors: number;
  /** Connection errors and timeouts (requests in flight when a run stops end so). */
  loadErrors: number;
  failures: Record<string, number>;
}

export interface RunReport {
  date: string;
  scale: number;
  quick: boolean;
  rounds: number;
  durationSeconds: number;
  connections: number;
  machine: string;
  dataset: Record<string, number>;
  modes: { name: string; description: string }[];
  queries: { name: string; kind: string; description: string }[];
  results: ModeResult[];
  adHocMemory?: { queries: number; rssMb: number; peakRssMb: number; errors: number };
  /** The dashboard's first view in Chromium (bench/dashboard.ts); absent without Chromium. */
  dashboard?: DashboardFirstView;
  /** The pool workloads (`--workloads mixed,dashboard`) on our gateway, the two peers and plain Apollo. */
  workloads?: WorkloadsReport;
  /** Our gateway once and twice behind a load balancer (`--workloads two-gateways`). */
  gateways?: GatewaysReport;
  /** What the OTLP sink received from the `tracing-on` mode (bench/otlp-sink.ts). */
  otlp?: { requests: number; bytes: number };
}

/** The headline ratios, all from one run. */
export function ratios(report: RunReport) {
  return report.queries.map((q) => {
    const ours = find(report, 'entity-cache', q.name);
    const loadersOn = find(report, 'loaders-on', q.name);
    const loadersOff = find(report, 'loaders-off', q.name);
    const hive = find(report, 'hive-gateway', q.name);
    const bare = find(report, 'bare-http', q.name);
    const cached = find(report, 'response-cache', q.name);
    return {
      query: q.name,
      oursOverPeer: ratio(ours?.requestsPerSecond, hive?.requestsPerSecond),
      sqlLoadersOffOverOn: ratio(loadersOff?.sqlPerRequest, loadersOn?.sqlPerRequest),
      cachedOverBare: ratio(cached?.requestsPerSecond, bare?.requestsPerSecond),
      oursOverBare: ratio(ours?.requestsPerSecond, bare?.requestsPerSecond),
      gatewayOverSubgraphsCpu: ratio(
        loadersOn?.gatewayCpuMsPerRequest,
        loadersOn?.subgraphsCpuMsPerRequest,
      ),
      sequentialGatewayOverSubgraphsCpu: ratio(
        loadersOn?.sequentialGatewayCpuMsPerRequest,
        loadersOn?.sequentialSubgraphsCpuMsPerRequest,
      ),
    };
  });
}

export function renderMarkdown(report: RunReport, chartFile: string): string {
  const lines: string[] = [];
  lines.push(`# Benchmark run ${report.date}`);
  lines.push('');
  lines.push(
    `Scale ${report.scale}${report.quick ? ' (quick)' : ''}; ${report.rounds} round(s) of ${report.durationSeconds} s per mode and query, ${report.connections} connections, medians across rounds. Machine: ${report.machine}. Shared and noisy: compare ratios within this run, not absolute numbers across runs.`,
  );
  lines.push('');
  lines.push(
    `Dataset: ${
      Object.entries(report.dataset)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ') || '(seed only)'
    }.`,
  );
  lines.push('');
  if (chartFile) {
    lines.push(`![requests per second and p95 latency per mode](${chartFile})`);
    lines.push('');
  }
  if (report.queries.length > 0) {
    lines.push(...renderSingle(report));
  }
  if (report.workloads) {
    lines.push(...renderWorkloads(report.workloads));
  }
  if (report.gateways) {
    lines.push(...renderTwoGateways(report.gateways, report.connections));
  }
  lines.push(...renderCapacity(report));
  if (report.adHocMemory) {
    const a = report.adHocMemory;
    lines.push('');
    lines.push(
      `Gateway after ${a.queries} distinct ad-hoc queries: RSS ${fmt(a.rssMb, 0)} MB (peak ${fmt(a.peakRssMb, 0)} MB), ${a.errors} errors.`,
    );
  }
  if (report.dashboard) {
    lines.push('');
    lines.push(...renderDashboard(report.dashboard));
  }
  lines.push('');
  lines.push('## Modes');
  lines.push('');
  for (const m of report.modes) {
    lines.push(`- **${m.name}**: ${m.description}`);
  }
  lines.push('');
  return lines.join('\n');
}

/** The single-query set: method, results per query and mode, ratios, tracing, peak RSS. */
function renderSingle(report: RunReport): string[] {
  const lines: string[] = [];
  lines.push(
    'Method: per mode and query, a warm-up that waits for all its answers, then a strict pass of sequential requests (at least 3, and at least 1 s in a full run) whose whole bodies are checked, whose SQL statements give SQL/req exactly and whose process CPU gives the one-request-at-a-time CPU ratio, then the measured load. CPU per request in the tables is process CPU over the load divided by completed requests (requests still running when the load stops add to it: large for slow queries with few completions). "Wrong answers" are bad statuses, bodies that are not JSON and wrong shapes, each checked on the whole body; "load errors" are connection errors and timeouts.',
  );
  lines.push('');
  lines.push(...renderResults(report));
  lines.push('## Ratios (this run)');
  lines.push('');
  lines.push(
    '| query | ours ÷ Hive Gateway (req/s) | loaders-off ÷ loaders-on (SQL/req) | ours ÷ bare HTTP (req/s) | response cache ÷ bare HTTP | gateway ÷ subgraphs CPU (loaders-on, under load) | the same, one request at a time |',
  );
  lines.push('|---|---:|---:|---:|---:|---:|---:|');
  for (const r of ratios(report)) {
    lines.push(
      `| ${r.query} | ${fmt(r.oursOverPeer, 2)} | ${fmt(r.sqlLoadersOffOverOn, 1)} | ${fmt(r.oursOverBare, 3)} | ${fmt(r.cachedOverBare, 2)} | ${fmt(r.gatewayOverSubgraphsCpu, 2)} | ${fmt(r.sequentialGatewayOverSubgraphsCpu, 2)} |`,
    );
  }
  lines.push('');
  lines.push(...renderTracing(report));
  lines.push('## Peak RSS (MB) per service, per mode (first query)');
  lines.push('');
  for (const m of report.modes) {
    const r = report.results.find((x) => x.mode === m.name);
    if (r) {
      lines.push(
        `- ${m.name}: ${Object.entries(r.peakRssMb)
          .map(([k, v]) => `${k} ${fmt(v, 0)}`)
          .join(', ')}`,
      );
    }
  }
  return lines;
}

/** A grouped bar chart: requests/s (top) and p95 latency (bottom), per query and mode. */
export function renderChart(report: RunReport): string {
  const colors = ['#9e9e9e', '#42a5f5', '#1e88e5', '#fb8c00', '#43a047', '#8e24aa'];
  const modes = report.modes.map((m) => m.name);
  const queries = report.queries.map((q) => q.name);
  const width = 900;
  const panel = 260;
  const left = 70;
  const groupWidth = (width - left - 20) / queries.length;
  const barWidth = Math.max(4, (groupWidth - 20) / modes.length);
  const parts: string[] = [];
  const drawPanel = (top: number, title: string, value: (r: ModeResult) => number) => {
    const max = Math.max(1, ...report.results.map(value));
    parts.push(
      `<text x="${left}" y="${top - 8}" font-size="14" font-weight="bold">${title}</text>`,
    );
    parts.push(
      `<line x1="${left}" y1="${top + panel}" x2="${width - 10}" y2="${top + panel}" stroke="#333"/>`,
    );
    parts.push(
      `<text x="${left - 6}" y="${top + 10}" font-size="10" text-anchor="end">${max.toFixed(0)}</text>`,
    );
    queries.forEach((q, qi) => {
      const x0 = left + qi * groupWidth + 10;
      modes.forEach((m, mi) => {
        const r = find(report, m, q);
        if (!r) {
          return;
        }
        const h = (value(r) / max) * (panel - 20);
        parts.push(
          `<rect x="${(x0 + mi * barWidth).toFixed(1)}" y="${(top + panel - h).toFixed(1)}" width="${(barWidth - 2).toFixed(1)}" height="${h.toFixed(1)}" fill="${colors[mi % colors.length]}"><title>${m} × ${q}: ${value(r).toFixed(1)}</title></rect>`,
        );
      });
      parts.push(
        `<text x="${(x0 + (modes.length * barWidth) / 2).toFixed(1)}" y="${top + panel + 14}" font-size="11" text-anchor="middle">${q}</text>`,
      );
    });
  };
  drawPanel(40, 'Requests per second (higher is better)', (r) => r.requestsPerSecond);
  drawPanel(40 + panel + 70, 'p95 latency, ms (lower is better)', (r) => r.p95);
  const legendTop = 40 + 2 * panel + 110;
  modes.forEach((m, i) => {
    parts.push(
      `<rect x="${left + i * 140}" y="${legendTop}" width="12" height="12" fill="${colors[i % colors.length]}"/>`,
    );
    parts.push(`<text x="${left + i * 140 + 16}" y="${legendTop + 10}" font-size="11">${m}</text>`);
  });
  const height = legendTop + 30;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">
<rect width="100%" height="100%" fill="white"/>
<text x="${left}" y="20" font-size="12">Benchmark ${report.date.slice(0, 10)}, scale ${report.scale}: ${report.machine}</text>
${parts.join('\n')}
</svg>
`;
}

/** docs/performance.md: the summary of the latest full run, with the targets and where they stand. */
export function renderPerformanceDoc(
  report: RunReport,
  resultBase: string,
  scaled: readonly RunReport[] = [],
  tracing: readonly { readonly report: RunReport; readonly base: string }[] = [],
): string {
  const r = ratios(report);
  const deep = r.find((x) => x.query === 'deep');
  const lines: string[] = [];
  lines.push('# Performance');
  lines.push('');
  lines.push(
    `GENERATED by \`npm run bench\` from its latest full run (${report.date}, scale ${report.scale}, ${report.rounds} rounds of ${report.durationSeconds} s, medians). Machine: ${report.machine}. These machines are shared and noisy: read ratios measured in the same run, not absolute numbers. Full tables: [${resultBase.split('/').pop()}.md](${resultBase}.md), chart: [${resultBase.split('/').pop()}.svg](${resultBase}.svg).`,
  );
  lines.push('');
  lines.push('## Ratios');
  lines.push('');
  lines.push(
    '| query | ours ÷ Hive Gateway (req/s) | loaders-off ÷ loaders-on (SQL/req) | ours ÷ bare HTTP | response cache ÷ bare HTTP | gateway ÷ subgraphs CPU (under load) | gateway ÷ subgraphs CPU (one at a time) |',
  );
  lines.push('|---|---:|---:|---:|---:|---:|---:|');
  for (const x of r) {
    lines.push(
      `| ${x.query} | ${fmt(x.oursOverPeer, 2)} | ${fmt(x.sqlLoadersOffOverOn, 1)} | ${fmt(x.oursOverBare, 3)} | ${fmt(x.cachedOverBare, 2)} | ${fmt(x.gatewayOverSubgraphsCpu, 2)} | ${fmt(x.sequentialGatewayOverSubgraphsCpu, 2)} |`,
    );
  }
  lines.push('');
  lines.push('## Targets (issue 9) and where this run stands');
  lines.push('');
  lines.push(
    `- Loaders-off needs at least 50× the SQL statements of loaders-on on the deep query: **${fmt(deep?.sqlLoadersOffOverOn, 1)}×**.`,
  );
  lines.push(
    `- Gateway CPU per request at most the subgraphs' combined CPU on the deep query (stock ≈ 1.7×): **${fmt(deep?.sequentialGatewayOverSubgraphsCpu, 2)}×** one request at a time; ${fmt(deep?.gatewayOverSubgraphsCpu, 2)}× under load, where identical concurrent fetches are shared, which cuts the subgraphs' work per request, not the gateway's.`,
  );
  lines.push(
    `- Requests/s at least Hive Gateway's on every query, uncached: **${r.map((x) => `${x.query} ${fmt(x.oursOverPeer, 2)}×`).join(', ')}**.`,
  );
  lines.push(
    `- A response-cache hit at least half the bare-HTTP ceiling: ${r.some((x) => x.cachedOverBare !== null) ? r.map((x) => `${x.query} ${fmt(x.cachedOverBare, 2)}`).join(', ') : '**not measured: the gateway response cache is not in this build**'}.`,
  );
  if (report.adHocMemory) {
    lines.push(
      `- Gateway RSS under 300 MB after 10,000 distinct ad-hoc queries: **${fmt(report.adHocMemory.rssMb, 0)} MB** (peak ${fmt(report.adHocMemory.peakRssMb, 0)} MB).`,
    );
  }
  lines.push(twoGatewaysTarget(report));
  lines.push(...renderScaling(scaled));
  lines.push('', ...renderCapacity(report));
  for (const run of tracing) {
    lines.push(
      ...renderTracing(run.report).map((line) =>
        line.startsWith('## ')
          ? `## What tracing costs (run of ${run.report.date}, ${run.report.rounds} rounds of ${run.report.durationSeconds} s: [${run.base.split('/').pop()}.md](${run.base}.md))`
          : line,
      ),
    );
  }
  return lines.join('\n');
}

/**
 * Scale 1 against the largest scale measured: SQL statements per request (target: flat) and p95
 * (target: within 1.5× for paginated queries), per query and mode present in both runs.
 */
export function renderScaling(reports: readonly RunReport[]): string[] {
  const byScale = [...reports].sort((a, b) => a.scale - b.scale);
  const base = byScale.find((r) => r.scale === 1);
  const top = byScale.at(-1);
  if (!base || !top || top.scale === 1) {
    return [
      '- SQL statements per request flat from scale 1 to 100, and p95 at scale 100 within 1.5× of scale 1: **not measured yet** (run `npm run bench -- --scale 100 --modes loaders-on,entity-cache`).',
    ];
  }
  const lines = [
    `- SQL statements per request flat from scale 1 to ${top.scale}, and p95 at scale ${top.scale} within 1.5× of scale 1 for paginated queries: see the table below (scale ${top.scale} run of ${top.date}, ${top.rounds} round(s) of ${top.durationSeconds} s; dataset ${Object.entries(
      top.dataset,
    )
      .filter(([k]) => k.startsWith('synthetic'))
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}).`,
    '',
    `### Scale 1 → ${top.scale}`,
    '',
    `| query | mode | SQL/req at 1 | SQL/req at ${top.scale} | p95 ms at 1 | p95 ms at ${top.scale} | p95 ratio |`,
    '|---|---|---:|---:|---:|---:|---:|',
  ];
  for (const result of top.results) {
    const before = find(base, result.mode, result.query);
    if (!before) {
      continue;
    }
    lines.push(
      `| ${result.query} | ${result.mode} | ${fmt(before.sqlPerRequest, 2)} | ${fmt(result.sqlPerRequest, 2)} | ${fmt(before.p95)} | ${fmt(result.p95)} | ${fmt(ratio(result.p95, before.p95), 2)}× |`,
    );
  }
  return lines;
}

/** The dashboard's first view: requests, bytes and time, cold and from the caches. */
export function renderDashboard(d: DashboardFirstView): string[] {
  const kib = (n: number) => `${fmt(n / 1024, 0)} KiB`;
  const row = (label: string, l: DashboardLoad) =>
    `| ${label} | ${fmt(l.requests, 0)} | ${fmt(l.graphqlRequests, 0)} | ${fmt(l.fromBrowserCache, 0)} | ${fmt(l.notModified, 0)} | ${kib(l.bytesTransferred)} | ${kib(l.bytesDecoded)} | ${fmt(l.loadedMs, 0)} |`;
  return [
    `## Dashboard first view (${d.path})`,
    '',
    `Debian's Chromium over loopback against the response-cache mode, median of ${d.rounds} round(s); ${d.panels.ready} panels drawn, ${d.panels.other} not; ${d.blocked} requests off loopback. Time is from navigation start to every panel drawn (the page's \`dashboard-loaded\` mark); the target is under 1,000 ms.`,
    '',
    '| state | requests | GraphQL GETs | from browser cache | 304 | bytes over the wire | bytes decoded | loaded ms |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    row('cold (new profile, gateway caches emptied)', d.cold),
    row('warm gateway, new profile', d.warmServerColdBrowser),
    row('warm (same profile again)', d.warm),
  ];
}

/** One table per query: each mode's throughput, latency, CPU, SQL and errors. */
function renderResults(report: RunReport): string[] {
  const lines: string[] = [];
  lines.push('## Results');
  lines.push('');
  for (const q of report.queries) {
    lines.push(`### ${q.name} (${q.kind})`);
    lines.push('');
    lines.push(q.description);
    lines.push('');
    lines.push(
      '| mode | req/s | p50 ms | p95 ms | p99 ms | gateway CPU ms/req | subgraphs CPU ms/req | SQL/req | entity-cache hits | wrong answers | load errors |',
    );
    lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const m of report.modes) {
      const r = find(report, m.name, q.name);
      if (!r) {
        continue;
      }
      lines.push(
        `| ${m.name} | ${fmt(r.requestsPerSecond, 0)} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${fmt(r.gatewayCpuMsPerRequest, 2)} | ${fmt(r.subgraphsCpuMsPerRequest, 2)} | ${fmt(r.sqlPerRequest, 2)} | ${r.entityCacheHitRatio === null ? '—' : `${fmt(r.entityCacheHitRatio * 100, 0)} %`} | ${r.errors} | ${r.loadErrors} |`,
      );
    }
    lines.push('');
  }
  return lines;
}
