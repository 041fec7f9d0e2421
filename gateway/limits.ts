import { Kind, Lexer, parse, Source, TokenKind } from 'graphql';
import { queryTooComplex } from '../schema/errors.js';
import type { QueryLimits } from './config.js';
import type { OperationMeasure } from './measure-operation.js';

/**
 * `Type.field` → `assumedSize`, from the `@listSize` directives the subgraphs declare (Federation
 * 2.9 composes them into the supergraph, under `@listSize` or, unimported, `@cost__listSize`).
 * The subgraph that owns a list knows its usual length better than one default for every list.
 */
export function listSizesOf(supergraphSdl: string): ReadonlyMap<string, number> {
  const sizes = new Map<string, number>();
  for (const definition of parse(supergraphSdl).definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.OBJECT_TYPE_EXTENSION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION
    ) {
      continue;
    }
    for (const field of definition.fields ?? []) {
      const directive = field.directives?.find(
        (d) => d.name.value === 'listSize' || d.name.value === 'cost__listSize',
      );
      const value = directive?.arguments?.find((a) => a.name.value === 'assumedSize')?.value;
      if (value?.kind === Kind.INT) {
        sizes.set(`${definition.name.value}.${field.name.value}`, Number(value.value));
      }
    }
  }
  return sizes;
}

/** Lexical tokens of a document, counting no further than `stopAfter`. */
export function countTokens(query: string, stopAfter = Number.POSITIVE_INFINITY): number {
  const lexer = new Lexer(new Source(query));
  let count = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) {
      count += 1;
      if (count > stopAfter) {
        break;
      }
    }
  } catch {
    // A lexical error: the parser reports it with GRAPHQL_PARSE_FAILED.
  }
  return count;
}

/** Size and tokens: checked on the raw text, so a hostile document is refused cheaply. */
export function checkSource(query: string, limits: QueryLimits): void {
  const bytes = Buffer.byteLength(query, 'utf8');
  if (bytes > limits.maxDocumentBytes) {
    throw queryTooComplex('documentBytes', bytes, limits.maxDocumentBytes);
  }
  const tokens = countTokens(query, limits.maxTokens);
  if (tokens > limits.maxTokens) {
    // Counting stops one past the limit: "at least".
    throw queryTooComplex('tokens', tokens, limits.maxTokens, ' (counting stopped there)');
  }
}

/** Depth, aliases, root fields and cost; throws QUERY_TOO_COMPLEX naming the first one exceeded. */
export function checkMeasure(measure: OperationMeasure, limits: QueryLimits): void {
  const stopped = ' (at least; counting stopped there)';
  if (measure.depth > limits.maxDepth) {
    throw queryTooComplex(
      'depth',
      measure.depth,
      limits.maxDepth,
      measure.stopped === 'depth' ? stopped : '',
    );
  }
  if (measure.aliases > limits.maxAliases) {
    throw queryTooComplex('aliases', measure.aliases, limits.maxAliases);
  }
  if (measure.rootFields > limits.maxRootFields) {
    throw queryTooComplex('rootFields', measure.rootFields, limits.maxRootFields);
  }
  if (measure.cost > limits.maxCost) {
    throw queryTooComplex(
      'cost',
      measure.cost,
      limits.maxCost,
      `${measure.stopped === 'cost' ? stopped : ''} (each field costs 1 per item; \`first\` sets list sizes)`,
    );
  }
}
