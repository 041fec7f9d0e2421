import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType,
  GraphQLBoolean,
  GraphQLError,
  GraphQLFloat,
  GraphQLID,
  GraphQLInt,
  GraphQLString,
  type GraphQLScalarType,
  Kind,
  type ASTVisitor,
  type ValidationContext,
  type ValueNode,
} from 'graphql';
import { badUserInput } from '../errors.js';
import { literalErrors } from '../scalars.js';

/**
 * graphql-js' own scalars report a bad literal (`first: 99999999999`, `first: "x"`) with an
 * error of no code; record it like ours, so the rule below names the argument and makes it
 * BAD_USER_INPUT. Wrapped once per process; the scalars behave as before otherwise.
 */
const recorded = new WeakSet<GraphQLScalarType<unknown, unknown>>();
for (const scalar of [
  GraphQLInt,
  GraphQLFloat,
  GraphQLString,
  GraphQLBoolean,
  GraphQLID,
] as GraphQLScalarType<unknown, unknown>[]) {
  if (recorded.has(scalar)) {
    continue;
  }
  recorded.add(scalar);
  const parseLiteral = scalar.parseLiteral.bind(scalar);
  scalar.parseLiteral = (node, variables) => {
    try {
      return parseLiteral(node, variables);
    } catch (error) {
      if (error instanceof GraphQLError) {
        literalErrors.set(node, error);
      }
      throw error;
    }
  };
}

/** Where a literal sits in the arguments, as the client wrote it: `iso3`, `filter.region`. */
function pathOf(path: readonly string[]): string {
  return path.join('.').replace(/\.\[/g, '[');
}

/**
 * A validation rule for every server of the graph (gateway and subgraphs), run after graphql-js'
 * own rules. It names the argument in the error a scalar gave a malformed literal
 * (`country(iso3: "ken")`: `invalidFields: [{ field: "iso3", … }]`, and the message starts with
 * the argument), and refuses string literals holding a NUL character, which PostgreSQL cannot
 * store, as BAD_USER_INPUT naming the argument.
 */
export function namedInputRule(context: ValidationContext): ASTVisitor {
  const path: string[] = [];
  const onLiteral = (node: ValueNode) => {
    const field = pathOf(path);
    const error = literalErrors.get(node);
    if (error && field && error.extensions['invalidFields'] === undefined) {
      const message = error.message;
      error.message = `Invalid input. ${field}: ${message}`;
      Object.assign(error.extensions, {
        code: error.extensions['code'] ?? 'BAD_USER_INPUT',
        invalidFields: [{ field, message }],
      });
    }
    if (node.kind === Kind.STRING && node.value.includes('\0')) {
      const type = context.getInputType();
      context.reportError(
        new GraphQLError(
          `Invalid input. ${field || 'a string'}: must not contain a NUL character (\\u0000).`,
          {
            nodes: node,
            extensions: {
              code: 'BAD_USER_INPUT',
              invalidFields: [
                {
                  field: field || '(string)',
                  message: `must not contain a NUL character (\\u0000)${type ? `; expected ${String(getNamedType(type))}` : ''}`,
                },
              ],
            },
          },
        ),
      );
    }
  };
  return {
    Argument: {
      enter: (node) => void path.push(node.name.value),
      leave: () => void path.pop(),
    },
    ObjectField: {
      enter: (node) => void path.push(node.name.value),
      leave: () => void path.pop(),
    },
    StringValue: onLiteral,
    IntValue: onLiteral,
    FloatValue: onLiteral,
    BooleanValue: onLiteral,
    EnumValue: onLiteral,
    NullValue: onLiteral,
  };
}

/** The path of the first string holding a NUL character inside a variable's value. */
function nulPath(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') {
    return value.includes('\0') ? path : undefined;
  }
  if (depth > 32 || value === null || typeof value !== 'object') {
    return undefined;
  }
  for (const [key, inner] of Object.entries(value)) {
    const found = nulPath(
      inner,
      Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`,
      depth + 1,
    );
    if (found) {
      return found;
    }
  }
  return undefined;
}

/**
 * Refuses variables whose strings hold a NUL character, as BAD_USER_INPUT (HTTP 400) naming the
 * variable: the literal counterpart of `namedInputRule`, for every server of the graph.
 */
export function nulVariablesPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request }) {
          for (const [name, value] of Object.entries(request.variables ?? {})) {
            const field = nulPath(value, `$${name.slice(0, 64)}`);
            if (field) {
              const error = badUserInput([
                { field, message: 'must not contain a NUL character (\\u0000)' },
              ]);
              Object.assign(error.extensions, { http: { status: 400 } });
              throw error;
            }
          }
        },
      };
    },
  };
}
