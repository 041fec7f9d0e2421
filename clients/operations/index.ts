import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import {
  Kind,
  parse,
  print,
  visit,
  type DocumentNode,
  type FieldNode,
  type OperationDefinitionNode,
} from 'graphql';
import { projectPath } from '../../loaders/project-path.js';

/**
 * The named GraphQL operations that the project's own clients send (the report, the dashboard, the
 * explorer's cookbook): one file per operation in this folder, `<OperationName>.graphql`, so a
 * figure shown in two places is fetched by one operation. They are the trusted documents a
 * production gateway can restrict itself to, and each is sent as an automatic persisted query
 * whose hash is `sha256`.
 */
export interface ClientOperation {
  /** The operation's name, which is also its file's name. */
  readonly name: string;
  readonly type: 'query' | 'mutation' | 'subscription';
  /** What the operation answers: the file's leading `#` comment lines, joined. */
  readonly description: string;
  /** The document exactly as sent: graphql-js's `print` of the file (no comments, one layout). */
  readonly body: string;
  /** SHA-256 of `body`, hex: the automatic persisted query hash. */
  readonly sha256: string;
  /**
   * The document as Apollo Client sends it: its InMemoryCache adds `__typename` to every selection
   * set below the operation's root (`addTypenameToDocument`) and its persisted-query link hashes
   * that print. Registered beside `body`, so Apollo Client's hash-only GET finds it.
   */
  readonly apolloClientBody: string;
  /** SHA-256 of `apolloClientBody`, hex. */
  readonly apolloClientSha256: string;
}

const TYPENAME: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } };

/**
 * Apollo Client's `addTypenameToDocument`, rule for rule: `__typename` is appended to every
 * selection set except an operation's own, one that already selects `__typename` (or any `__`
 * field), and one under an `@export`ed field. Pure graphql-js, so it runs in a browser too.
 */
export function withTypename(document: DocumentNode): DocumentNode {
  return visit(document, {
    SelectionSet: {
      enter(node, _key, parent) {
        const owner = parent as {
          kind?: Kind;
          directives?: readonly { name: { value: string } }[];
        };
        if (owner?.kind === Kind.OPERATION_DEFINITION) {
          return undefined;
        }
        if (node.selections.some((s) => s.kind === Kind.FIELD && s.name.value.startsWith('__'))) {
          return undefined;
        }
        if (
          owner?.kind === Kind.FIELD &&
          owner.directives?.some((d) => d.name.value === 'export')
        ) {
          return undefined;
        }
        return { ...node, selections: [...node.selections, TYPENAME] };
      },
    },
  });
}

const sha256Of = (text: string) => createHash('sha256').update(text).digest('hex');

/** The source folder (the build does not copy `.graphql` files; the server reads them here). */
export const OPERATIONS_DIR = projectPath('clients', 'operations');

/** Parses one operation file; throws, naming the file, unless it holds exactly one named operation. */
export function operationOf(file: string, text: string): ClientOperation {
  const document = parse(text, { noLocation: true });
  const body = print(document);
  const description = /^(?:[ \t]*#[^\n]*\n)+/
    .exec(text)?.[0]
    .split('\n')
    .map((line) => line.replace(/^[ \t]*#[ \t]?/, '').trim())
    .filter((line) => line !== '')
    .join(' ');
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const expected = basename(file, '.graphql');
  if (operations.length !== 1 || operations[0]?.name?.value !== expected) {
    throw new Error(`${file}: must hold exactly one operation, named ${expected}`);
  }
  const apolloClientBody = print(withTypename(document));
  return {
    name: expected,
    type: operations[0].operation,
    description: description ?? '',
    body,
    sha256: sha256Of(body),
    apolloClientBody,
    apolloClientSha256: sha256Of(apolloClientBody),
  };
}

let cached: readonly ClientOperation[] | undefined;

/** Every operation in `clients/operations/`, by name. */
export function clientOperations(dir: string = OPERATIONS_DIR): readonly ClientOperation[] {
  if (dir === OPERATIONS_DIR && cached) {
    return cached;
  }
  const operations = readdirSync(dir)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => operationOf(file, readFileSync(join(dir, file), 'utf8')));
  if (dir === OPERATIONS_DIR) {
    cached = operations;
  }
  return operations;
}

/** One operation by name; throws naming it when there is none. */
export function clientOperation(name: string): ClientOperation {
  const found = clientOperations().find((operation) => operation.name === name);
  if (!found) {
    throw new Error(`No client operation ${name} in clients/operations/`);
  }
  return found;
}
