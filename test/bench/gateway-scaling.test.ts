import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadFigures, ModeResult, RunReport } from '../../bench/report.js';
import type { GatewaysReport } from '../../bench/workloads/gateways.js';
import type { WorkloadResult } from '../../bench/workloads/load.js';
import {
  gatewayCapacity,
  renderCapacity,
  renderTwoGateways,
  twoGatewaysTarget,
  twoOverOne,
} from '../../bench/workloads/scaling-report.js';
import {
  startRoundRobinProxy,
  UPSTREAM_HEADER,
  type RoundRobinProxy,
} from '../support/round-robin-proxy.js';

const figures = (over: Partial<LoadFigures>): LoadFigures => ({
  requestsPerSecond: 0,
  requests: 0,
  p50: 0,
  p95: 0,
  p99: 0,
  gatewayCpuMsPerRequest: 0,
  subgraphsCpuMsPerRequest: 0,
  ...over,
});

describe('gateway capacity arithmetic (issue #23)', () => {
  it('counts the gateway cores kept busy and the requests per second one busy core serves', () => {
    // 400 req/s at 1.5 ms of gateway CPU each: 0.6 cores busy, 666.7 req/s per core.
    const c = gatewayCapacity(figures({ requestsPerSecond: 400, gatewayCpuMsPerRequest: 1.5 }));
    expect(c.gatewayCores).toBeCloseTo(0.6, 10);
    expect(c.perGatewayCore).toBeCloseTo(1000 / 1.5, 10);
    expect(gatewayCapacity(figures({ requestsPerSecond: 400 })).perGatewayCore).toBeNull();
  });

  it('gives two gateways over one, and no ratio against nothing', () => {
    const one = figures({ requestsPerSecond: 300, p50: 20, p95: 60, gatewayCpuMsPerRequest: 2 });
    const two = figures({ requestsPerSecond: 540, p50: 15, p95: 45, gatewayCpuMsPerRequest: 2.2 });
    const x = twoOverOne(one, two);
    expect(x.requestsPerSecond).toBeCloseTo(1.8, 10);
    expect(x.p50).toBeCloseTo(0.75, 10);
    expect(x.p95).toBeCloseTo(0.75, 10);
    expect(x.gatewayCpuMsPerRequest).toBeCloseTo(1.1, 10);
    expect(twoOverOne(figures({}), two).requestsPerSecond).toBeNull();
  });

  it("reports each gateway's RSS, the ratio and the conditions it was measured under", () => {
    const result = (mode: string, over: Partial<LoadFigures>): WorkloadResult => ({
      ...figures(over),
      workload: 'mixed',
      mode,
      dedupShare: null,
      errors: 0,
      loadErrors: 0,
      failures: {},
    });
    const report: GatewaysReport = {
      workload: { name: 'mixed', description: 'the mixed pool' },
      pinned: true,
      cores: 2,
      results: [
        result('one-gateway', { requestsPerSecond: 200, gatewayRssMb: [150] }),
        result('two-gateways', { requestsPerSecond: 300, gatewayRssMb: [140, 145.6] }),
      ],
    };
    const text = renderTwoGateways(report, 10).join('\n');
    expect(text).toContain('| two-gateways | 300 |');
    expect(text).toContain('| 140 / 146 |');
    expect(text).toContain('req/s 1.50×');
    expect(text).toContain('pinned to a core of its own');
    expect(text).toContain('is a floor');
  });
});

describe('the capacity table of a run', () => {
  const single = (mode: string, query: string, over: Partial<LoadFigures>): ModeResult => ({
    ...figures(over),
    mode,
    query,
    sqlPerRequest: null,
    entityCacheHitRatio: null,
    peakRssMb: {},
    errors: 0,
    loadErrors: 0,
    failures: {},
  });
  const run: RunReport = {
    date: '2026-12-07T00:00:00.000Z',
    scale: 1,
    quick: false,
    rounds: 3,
    durationSeconds: 10,
    connections: 10,
    machine: 'test',
    dataset: {},
    modes: [],
    queries: [],
    results: [
      single('entity-cache', 'deep', {
        requestsPerSecond: 50,
        gatewayCpuMsPerRequest: 20,
        gatewayRssMb: [180.4],
      }),
      single('hive-gateway', 'deep', { requestsPerSecond: 30, gatewayCpuMsPerRequest: 30 }),
    ],
  };

  it("lists our gateway's rows only, with cores busy, req/s per core and RSS", () => {
    const text = renderCapacity(run).join('\n');
    expect(text).toContain('| deep (single query) | 50 | 20.00 | 1.00 | 50 | 180 |');
    expect(text).not.toContain('hive-gateway');
    expect(renderCapacity({ ...run, results: [] })).toEqual([]);
  });

  it('says when the two-gateway target was not measured', () => {
    expect(twoGatewaysTarget(run)).toContain('not measured in this run');
  });
});

describe('the round-robin balancer the benchmark and the two-gateway test share', () => {
  const upstreams: Server[] = [];
  let proxy: RoundRobinProxy;

  beforeAll(async () => {
    const origins: Record<string, string> = {};
    for (const name of ['a', 'b']) {
      const server = createServer((req, res) => {
        req.resume();
        req.on('end', () => res.end(JSON.stringify({ name, path: req.url })));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      upstreams.push(server);
      origins[name] = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    }
    proxy = await startRoundRobinProxy(origins);
  });

  afterAll(async () => {
    await proxy.close();
    await Promise.all(upstreams.map((s) => new Promise((resolve) => s.close(resolve))));
  });

  it('sends requests to each upstream in turn, keeping the path, and says which answered', async () => {
    const answers: { header: string | null; name: string; path: string }[] = [];
    for (let i = 0; i < 5; i += 1) {
      const response = await fetch(`${proxy.origin}/graphql`, { method: 'POST', body: '{}' });
      const body = (await response.json()) as { name: string; path: string };
      answers.push({ header: response.headers.get(UPSTREAM_HEADER), ...body });
    }
    expect(answers.map((a) => a.name)).toEqual(['a', 'b', 'a', 'b', 'a']);
    expect(answers.every((a) => a.header === a.name && a.path === '/graphql')).toBe(true);
    expect(proxy.served).toEqual({ a: 3, b: 2 });
    expect(proxy.next()).toBe('b');
  });
});
