import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPath } from '../../loaders/project-path.js';
import { startGatewayStack, type GatewayStack } from './stack.js';

// The Grafana dashboard in the repository queries only metrics a live gateway exports: scrape
// /metrics and check every metric name in every panel's PromQL.
let stack: GatewayStack;

beforeAll(async () => {
  stack = await startGatewayStack();
}, 120_000);
afterAll(() => stack?.close());

interface Panel {
  readonly title: string;
  readonly targets: readonly { readonly expr: string }[];
}

/** Metric names as PromQL uses them: a histogram `x` is queried as `x_bucket`, `x_sum`, `x_count`. */
function exported(text: string): Set<string> {
  const names = new Set<string>();
  for (const [, name, type] of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    names.add(name as string);
    if (type === 'histogram' || type === 'summary') {
      for (const suffix of ['_bucket', '_sum', '_count']) {
        names.add(`${name}${suffix}`);
      }
    }
  }
  return names;
}

describe('docs/grafana/gateway.json', () => {
  it('uses only metric names that a live /metrics exports', async () => {
    const dashboard = JSON.parse(
      await readFile(projectPath('docs', 'grafana', 'gateway.json'), 'utf8'),
    ) as { panels: Panel[] };
    await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ countries(first: 1) { totalCount } }' }),
    });
    const response = await fetch(`${stack.origin}/metrics`);
    expect(response.status).toBe(200);
    const names = exported(await response.text());

    const used = dashboard.panels.flatMap((panel) =>
      panel.targets.flatMap((t) => [...t.expr.matchAll(/\b(gateway_\w+)/g)].map((m) => m[1])),
    );
    expect(dashboard.panels.length).toBeGreaterThanOrEqual(10);
    expect(new Set(used).size).toBeGreaterThanOrEqual(14);
    expect(used.filter((name) => !names.has(name as string))).toEqual([]);
  });
});
