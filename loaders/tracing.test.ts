import type { IncomingMessage, ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-node';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';
import { requestScope } from './process-guard.js';
import {
  readTracingConfig,
  startTracing,
  tracedListener,
  tracingEnabled,
  withSpan,
} from './tracing.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { lines, logger: createLogger({ level: 'info', service: 'test' }, stream) };
}

describe('tracing', () => {
  it('is off without an endpoint, and then wraps nothing', async () => {
    expect(await startTracing(readTracingConfig({}), 'test')).toBeUndefined();
    expect(tracingEnabled()).toBe(false);
    const listener = (_req: IncomingMessage, _res: ServerResponse) => undefined;
    expect(tracedListener('x', listener)).toBe(listener);
    expect(await withSpan('x', {}, async (span) => span)).toBeUndefined();
  });

  it('refuses a bad setting, naming the variable', () => {
    expect(() => readTracingConfig({ OTEL_RESOLVER_SPANS: 'some' })).toThrow(/OTEL_RESOLVER_SPANS/);
  });

  it('puts the request id, and the trace id while tracing, in every log line', async () => {
    const { lines, logger } = capture();
    requestScope.run({ requestId: 'req-1' }, () => logger.info('off'));
    logger.child({ requestId: 'req-2' }).info('bound');
    const exporter = new InMemorySpanExporter();
    const tracing = await startTracing(readTracingConfig({}), 'test', exporter);
    await requestScope.run({ requestId: 'req-3' }, () =>
      withSpan('work', {}, async () => logger.info('on')),
    );
    // The exporter forgets its spans at shutdown: read them first.
    const traceId = exporter.getFinishedSpans()[0]?.spanContext().traceId;
    await tracing?.shutdown();
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(lines.map(({ msg, requestId, traceId: t }) => ({ msg, requestId, t }))).toEqual([
      { msg: 'off', requestId: 'req-1', t: undefined },
      { msg: 'bound', requestId: 'req-2', t: undefined },
      { msg: 'on', requestId: 'req-3', t: traceId },
    ]);
  });
});
