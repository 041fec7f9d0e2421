import diagnosticsChannel from 'node:diagnostics_channel';
import { describe, expect, it } from 'vitest';
import { postGraphQL } from '../support/harness.js';
import { startGatewayStack } from './stack.js';

// A repository of States' data calls nothing it was not configured to call. @apollo/gateway, left
// to itself, reports anonymous usage to Apollo (OTLP to usage-reporting.api.apollographql.com)
// and probes the cloud providers' metadata services (AWS, GCP, Azure, Alibaba) when it is built.

/** The outgoing HTTP requests (node:http and fetch) made while `work` runs, as `host:port`. */
async function outgoing(work: () => Promise<void>): Promise<{ http: string[]; fetch: string[] }> {
  const seen = { http: [] as string[], fetch: [] as string[] };
  const onHttp = (message: unknown) => {
    const request = (message as { request: { getHeader(name: string): unknown } }).request;
    seen.http.push(String(request.getHeader('host')));
  };
  const onFetch = (message: unknown) => {
    const request = (message as { request: { origin: string } }).request;
    seen.fetch.push(new URL(request.origin).host);
  };
  diagnosticsChannel.subscribe('http.client.request.start', onHttp);
  diagnosticsChannel.subscribe('undici:request:create', onFetch);
  try {
    await work();
  } finally {
    diagnosticsChannel.unsubscribe('http.client.request.start', onHttp);
    diagnosticsChannel.unsubscribe('undici:request:create', onFetch);
  }
  return seen;
}

const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];

describe('outgoing requests', () => {
  it('starts and answers without calling any host but its own subgraphs (no Apollo telemetry)', async () => {
    let subgraph = '';
    const seen = await outgoing(async () => {
      const stack = await startGatewayStack({ RESPONSE_CACHE: 'off' });
      subgraph = new URL(stack.memberStates.url).host;
      try {
        const answer = await postGraphQL(stack.url, '{ countries(first: 1) { totalCount } }');
        expect(answer.errors).toBeUndefined();
        // Cloud detectors and exporters start at construction; give them time to be seen.
        await new Promise((resolve) => setTimeout(resolve, 500));
      } finally {
        await stack.close();
      }
    });
    // Both channels are heard: the gateway's subgraph fetch (node:http) and the test's own fetch.
    expect(seen.http).toContain(subgraph);
    expect(seen.fetch.length).toBeGreaterThan(0);
    const away = [...seen.http, ...seen.fetch].filter(
      (host) => !LOOPBACK.includes(host.replace(/:\d+$/, '')),
    );
    expect(away).toEqual([]);
  });
});
