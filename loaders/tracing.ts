import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  context,
  propagation,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Span,
} from '@opentelemetry/api';
import type { SpanExporter } from '@opentelemetry/sdk-trace-node';
import type { LogEvent } from 'kysely';
import { z } from 'zod';
import { ConfigError } from './config.js';

/**
 * Traces (OpenTelemetry), off unless `OTEL_EXPORTER_OTLP_ENDPOINT` is set (or a test passes its
 * own exporter). Off means: no SDK module loaded, no provider registered, and every helper here
 * returns at its first line (`enabled` is false), so the hot path pays one boolean check.
 * The SDK is loaded by `startTracing` with a dynamic import for the same reason.
 */
let enabled = false;

const TRACER_NAME = 'crg';

/** True once `startTracing` registered a provider in this process. */
export function tracingEnabled(): boolean {
  return enabled;
}

/** The tracing settings from the environment (OpenTelemetry's own variable names). */
export interface TracingConfig {
  /** OTLP/HTTP base URL (`/v1/traces` is appended); undefined: tracing off. */
  readonly endpoint: string | undefined;
  /** The fraction of new traces kept (parent-based: a sampled caller's trace is always kept). */
  readonly sampleRatio: number;
  /** Which resolvers get a span: `root` (Query, Mutation, `_entities`), `all`, or `off`. */
  readonly resolverSpans: 'root' | 'all' | 'off';
}

const tracingSchema = z.object({
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).default(1),
  OTEL_RESOLVER_SPANS: z.enum(['root', 'all', 'off']).default('root'),
});

/** Parses the tracing variables; a `ConfigError` names each bad one (`configOrExit` shows it). */
export function readTracingConfig(
  env: Readonly<Record<string, string | undefined>>,
): TracingConfig {
  const result = tracingSchema.safeParse({
    OTEL_EXPORTER_OTLP_ENDPOINT: env['OTEL_EXPORTER_OTLP_ENDPOINT'] || undefined,
    OTEL_TRACES_SAMPLER_ARG: env['OTEL_TRACES_SAMPLER_ARG'] || undefined,
    OTEL_RESOLVER_SPANS: env['OTEL_RESOLVER_SPANS'] || undefined,
  });
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  }
  const parsed = result.data;
  return {
    endpoint: parsed.OTEL_EXPORTER_OTLP_ENDPOINT,
    sampleRatio: parsed.OTEL_TRACES_SAMPLER_ARG,
    resolverSpans: parsed.OTEL_RESOLVER_SPANS,
  };
}

let resolverMode: TracingConfig['resolverSpans'] = 'off';

/** Which resolvers get spans in this process (`off` while tracing is off). */
export function resolverSpanMode(): TracingConfig['resolverSpans'] {
  return enabled ? resolverMode : 'off';
}

export interface Tracing {
  /** Flushes what is buffered and unregisters the provider. */
  shutdown(): Promise<void>;
}

/**
 * Starts the SDK when `config.endpoint` is set or `exporter` is given; otherwise does nothing and
 * returns `undefined`. Call it before building the gateway or a subgraph: their wrappers decide
 * once, at build time, whether to trace. A given exporter gets every span at once (simple
 * processor); OTLP gets them in batches.
 */
export async function startTracing(
  config: TracingConfig,
  service: string,
  exporter?: SpanExporter,
): Promise<Tracing | undefined> {
  if (!config.endpoint && !exporter) {
    return undefined;
  }
  const sdk = await import('@opentelemetry/sdk-trace-node');
  const { resourceFromAttributes } = await import('@opentelemetry/resources');
  let processor;
  if (exporter) {
    processor = new sdk.SimpleSpanProcessor(exporter);
  } else {
    const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
    const url = `${String(config.endpoint).replace(/\/+$/, '')}/v1/traces`;
    processor = new sdk.BatchSpanProcessor(new OTLPTraceExporter({ url }));
  }
  const provider = new sdk.NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': service }),
    sampler: new sdk.ParentBasedSampler({
      root: new sdk.TraceIdRatioBasedSampler(config.sampleRatio),
    }),
    spanProcessors: [processor],
  });
  // Registers the AsyncLocalStorage context manager and the W3C trace-context propagator.
  provider.register();
  enabled = true;
  resolverMode = config.resolverSpans;
  return {
    shutdown: async () => {
      enabled = false;
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

/** The tracer of this project's own spans (the API's no-op tracer while tracing is off). */
export function tracer() {
  return trace.getTracer(TRACER_NAME);
}

function endWith(span: Span, error: unknown): void {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR });
}

/** Runs `fn` inside an active span `name`; just `fn()` while tracing is off. */
export function withSpan<T>(
  name: string,
  attributes: Attributes,
  fn: (span?: Span) => Promise<T>,
): Promise<T> {
  if (!enabled) {
    return fn();
  }
  return tracer().startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      endWith(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Writes the active trace context (`traceparent`, `tracestate`) into outgoing headers. */
export function injectTraceContext(headers: { set(name: string, value: string): void }): void {
  if (enabled) {
    propagation.inject(context.active(), headers, {
      set: (carrier, key, value) => carrier.set(key, value),
    });
  }
}

/** The trace id of the active span, for log lines; undefined while tracing is off. */
export function activeTraceId(): string | undefined {
  return enabled ? trace.getActiveSpan()?.spanContext().traceId : undefined;
}

/**
 * One SERVER span per HTTP request, continuing the caller's W3C trace context, active while the
 * listener runs; the listener itself while tracing is off (decided once, here).
 */
export function tracedListener<R extends void | Promise<void>>(
  name: string,
  listener: (req: IncomingMessage, res: ServerResponse) => R,
): (req: IncomingMessage, res: ServerResponse) => R {
  if (!enabled) {
    return listener;
  }
  return (req, res) => {
    const parent = propagation.extract(context.active(), req.headers);
    const span = tracer().startSpan(
      `${req.method ?? 'GET'} ${name}`,
      {
        kind: SpanKind.SERVER,
        attributes: { 'http.request.method': req.method ?? '', 'url.path': req.url ?? '' },
      },
      parent,
    );
    res.once('close', () => {
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) {
        span.setStatus({ code: SpanStatusCode.ERROR });
      }
      span.end();
    });
    return context.with(trace.setSpan(parent, span), () => listener(req, res));
  };
}

/**
 * A span for one SQL statement, from Kysely's `log` hook (called when the statement finished, in
 * the caller's context): the statement text with its `$n` placeholders, never parameter values.
 */
export function recordSqlSpan(event: LogEvent): void {
  if (!enabled) {
    return;
  }
  const sqlText = event.query.sql;
  const operation = /^\s*(\w+)/.exec(sqlText)?.[1]?.toUpperCase() ?? 'SQL';
  const end = Date.now();
  const span = tracer().startSpan(`db ${operation}`, {
    kind: SpanKind.CLIENT,
    startTime: end - event.queryDurationMillis,
    attributes: {
      'db.system.name': 'postgresql',
      'db.operation.name': operation,
      'db.query.text': sqlText.length > 2000 ? `${sqlText.slice(0, 2000)}…` : sqlText,
      'db.duration_ms': Math.round(event.queryDurationMillis * 100) / 100,
    },
  });
  if (event.level === 'error') {
    endWith(span, event.error);
  }
  span.end(end);
}
