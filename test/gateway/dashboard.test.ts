import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPath } from '../../loaders/project-path.js';
import { startGatewayStack, type GatewayStack } from './stack.js';

// The Grafana dashboard in the repository queries only metrics a live gateway and subgraph export:
// scrape both /metrics and check every metric name in every panel's PromQL.
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
      body: JSON.stringify({ query: '{ country(iso3: "KEN") { name } }' }),
    });
    const gateway = await fetch(`${stack.origin}/metrics`);
    const subgraph = await fetch(new URL('/metrics', stack.memberStates.url));
    expect([gateway.status, subgraph.status]).toEqual([200, 200]);
    const subgraphText = await subgraph.text();
    const names = new Set([...exported(await gateway.text()), ...exported(subgraphText)]);
    // The query above loaded a country through a DataLoader batch, labelled with its subgraph and loader.
    expect(subgraphText).toMatch(
      /^subgraph_dataloader_batch_size_count\{(?=[^}]*subgraph="member-states")(?=[^}]*loader="member-states:)[^}]*\} [1-9]/m,
    );

    const used = dashboard.panels.flatMap((panel) =>
      panel.targets.flatMap((t) =>
        [...t.expr.matchAll(/\b((?:gateway|subgraph)_\w+)/g)].map((m) => m[1]),
      ),
    );
    expect(dashboard.panels.length).toBeGreaterThanOrEqual(14);
    expect(new Set(used).size).toBeGreaterThanOrEqual(16);
    expect(used.some((name) => name?.startsWith('subgraph_dataloader_batch_size'))).toBe(true);
    expect(used.filter((name) => !names.has(name as string))).toEqual([]);
  });
});
