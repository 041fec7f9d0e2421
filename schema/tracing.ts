import { context, SpanStatusCode, trace } from '@opentelemetry/api';
import {
  defaultFieldResolver,
  isObjectType,
  responsePathAsArray,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import { resolverSpanMode, tracer } from '../loaders/tracing.js';

const ROOT_TYPES = new Set(['Query', 'Mutation']);

/**
 * Gives resolvers spans (`resolve Type.field`), active while they run, so the DataLoader batches,
 * Redis calls and SQL statements they start are their children. How many is set by
 * `OTEL_RESOLVER_SPANS`: `root` (the default: Query and Mutation fields, `_entities` included, a
 * handful per request), `all` (every field with a resolver of its own: for a close look, at a
 * cost), or `off`. Changes `schema` in place, before it serves; nothing at all while tracing is off.
 */
export function traceResolvers(schema: GraphQLSchema): GraphQLSchema {
  const mode = resolverSpanMode();
  if (mode === 'off') {
    return schema;
  }
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) {
      continue;
    }
    const root = ROOT_TYPES.has(type.name);
    if (mode === 'root' && !root) {
      continue;
    }
    for (const field of Object.values(type.getFields())) {
      if (field.resolve || root) {
        field.resolve = traced(`resolve ${type.name}.${field.name}`, field.resolve);
      }
    }
  }
  return schema;
}

function traced(
  name: string,
  resolve: GraphQLFieldResolver<unknown, unknown> | undefined,
): GraphQLFieldResolver<unknown, unknown> {
  const inner = resolve ?? defaultFieldResolver;
  return (source, args, ctx, info) => {
    const span = tracer().startSpan(name, {
      attributes: { 'graphql.field.path': responsePathAsArray(info.path).join('.') },
    });
    const fail = (error: unknown) => {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
      throw error;
    };
    try {
      const result = context.with(trace.setSpan(context.active(), span), () =>
        inner(source, args, ctx, info),
      );
      if (result instanceof Promise) {
        return result.then((value) => {
          span.end();
          return value;
        }, fail);
      }
      span.end();
      return result;
    } catch (error) {
      return fail(error);
    }
  };
}
