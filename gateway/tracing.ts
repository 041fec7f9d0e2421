import type { ApolloServerPlugin } from '@apollo/server';
import { context, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
import { tracer, tracingEnabled } from '../loaders/tracing.js';
import type { GatewayContext } from './context.js';

/**
 * The gateway's phases as spans, children of the request's SERVER span (`tracedListener`):
 * `graphql.parse`, `graphql.validate`, `gateway.limits` (cost, budget, heavy-operation queue)
 * and `gateway.response_cache` (the lookup; `cache.result` hit or miss). @apollo/gateway adds
 * its own `gateway.request`, `gateway.plan`, `gateway.execute` and one `gateway.fetch` per
 * subgraph fetch, whose context `SubgraphDataSource` sends on as `traceparent`.
 *
 * Apollo's plugin hooks cannot make a span active for what follows, so these are siblings under
 * the request span, not a chain. Place the plugin before the limits and response-cache plugins:
 * Apollo calls `didResolveOperation` and `responseForOperation` in plugin order.
 * No plugin at all while tracing is off.
 */
export function tracingPlugins(): ApolloServerPlugin<GatewayContext>[] {
  return tracingEnabled() ? [gatewayTracingPlugin()] : [];
}

function childOf(parent: Context, name: string): Span {
  return tracer().startSpan(name, {}, parent);
}

function gatewayTracingPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      const parent = context.active();
      const request = trace.getSpan(parent);
      request?.setAttribute('crg.request_id', contextValue.requestId);
      let limits: Span | undefined;
      let cacheLookup: Span | undefined;
      const endCacheLookup = (result: string | undefined) => {
        cacheLookup?.setAttribute('cache.result', result ?? 'skipped');
        cacheLookup?.end();
        cacheLookup = undefined;
      };
      return {
        async parsingDidStart() {
          const span = childOf(parent, 'graphql.parse');
          return async (error) => endSpan(span, error);
        },
        async validationDidStart() {
          const span = childOf(parent, 'graphql.validate');
          return async (errors) => endSpan(span, errors?.[0]);
        },
        async didResolveOperation(rc) {
          request?.setAttributes({
            'graphql.operation.name': rc.operationName ?? '',
            'graphql.operation.type': rc.operation?.operation ?? '',
          });
          limits = childOf(parent, 'gateway.limits');
        },
        async responseForOperation() {
          limits?.setAttribute('gateway.cost', contextValue.cost ?? 0);
          limits?.end();
          limits = undefined;
          cacheLookup = childOf(parent, 'gateway.response_cache');
          return null;
        },
        async executionDidStart(rc) {
          endCacheLookup(rc.response.http.headers.get('x-response-cache'));
        },
        async didEncounterErrors() {
          // A refusal in the limits plugin ends its phase here.
          limits?.setStatus({ code: SpanStatusCode.ERROR });
          limits?.end();
          limits = undefined;
        },
        async willSendResponse(rc) {
          const result = rc.response.http.headers.get('x-response-cache');
          endCacheLookup(result);
          if (result) {
            request?.setAttribute('gateway.response_cache', result);
          }
        },
      };
    },
  };
}

function endSpan(span: Span, error: Error | undefined): void {
  if (error) {
    span.recordException(error);
    span.setStatus({ code: SpanStatusCode.ERROR });
  }
  span.end();
}
