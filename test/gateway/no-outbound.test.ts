import diagnosticsChannel from 'node:diagnostics_channel';
import { describe, expect, it } from 'vitest';
import { postGraphQL } from '../support/harness.js';
import { startGatewayStack } from './stack.js';

// A repository of States' data calls nothing it was not configured to call. @apollo/gateway, left
// to itself, reports anonymous usage to Apollo (OTLP to usage-reporting.api.apollographql.com)
// and probes the cloud providers' metadata services (AWS, GCP, Azure, Alibaba) when it is built.

/** Hosts of the outgoing HTTP requests (node:http and fetch) made while `work` runs. */
async function outgoingHosts(work: () => Promise<void>): Promise<string[]> {
  const hosts: string[] = [];
  const onHttp = (message: unknown) => {
    const request = (message as { request: { host?: string } }).request;
    hosts.push(String(request.host));
  };
  const onFetch = (message: unknown) => {
    const request = (message as { request: { origin: string } }).request;
    hosts.push(new URL(request.origin).hostname);
  };
  diagnosticsChannel.subscribe('http.client.request.start', onHttp);
  diagnosticsChannel.subscribe('undici:request:create', onFetch);
  try {
    await work();
  } finally {
    diagnosticsChannel.unsubscribe('http.client.request.start', onHttp);
    diagnosticsChannel.unsubscribe('undici:request:create', onFetch);
  }
  return hosts;
}

describe('outgoing requests', () => {
  it('starts and answers without calling any host but its own subgraphs (no Apollo telemetry)', async () => {
    const hosts = await outgoingHosts(async () => {
      const stack = await startGatewayStack({ RESPONSE_CACHE: 'off' });
      try {
        const answer = await postGraphQL(stack.url, '{ countries(first: 1) { totalCount } }');
        expect(answer.errors).toBeUndefined();
        // Cloud detectors and exporters start at construction; give them time to be seen.
        await new Promise((resolve) => setTimeout(resolve, 500));
      } finally {
        await stack.close();
      }
    });
    expect(hosts.length).toBeGreaterThan(0); // The subgraph fetches were seen.
    expect(hosts.filter((host) => !['127.0.0.1', 'localhost', '::1'].includes(host))).toEqual([]);
  });
});
