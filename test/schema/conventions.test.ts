import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../../loaders/project-path.js';

/*
 * The file convention of every subgraph (docs/conventions.md, issue #18 item 4), read from the
 * source with the TypeScript compiler's parser. Each check returns violations as stable one-line
 * strings (no line numbers, so an edit above one does not make it new).
 */

const ROOT = projectPath();
const SUBGRAPHS_DIR = projectPath('subgraphs');

/** Every subgraph folder name: `laws`, `member-states` … */
const SUBGRAPHS = readdirSync(SUBGRAPHS_DIR).filter((name) =>
  statSync(join(SUBGRAPHS_DIR, name)).isDirectory(),
);

const pascal = (kebab: string) =>
  kebab
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
const kebab = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const isTest = (path: string) => /\.(test|e2e)\.ts$/.test(path);
const isMigration = (path: string) => path.includes('/migrations/');

/** The production TypeScript of a subgraph (migrations and tests aside). */
function sourcesOf(subgraph: string): string[] {
  return filesUnder(join(SUBGRAPHS_DIR, subgraph)).filter(
    (path) => path.endsWith('.ts') && !isTest(path) && !isMigration(path),
  );
}

const rel = (path: string) => relative(ROOT, path);
const parsed = new Map<string, ts.SourceFile>();
function sourceFile(path: string): ts.SourceFile {
  let file = parsed.get(path);
  if (!file) {
    file = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true);
    parsed.set(path, file);
  }
  return file;
}

function decoratorCalls(node: ts.Node): ts.CallExpression[] {
  return (ts.canHaveDecorators(node) ? (ts.getDecorators(node) ?? []) : [])
    .map((d) => d.expression)
    .filter(ts.isCallExpression);
}
const calleeName = (call: ts.CallExpression) =>
  ts.isIdentifier(call.expression) ? call.expression.text : '';
const stringArg = (call: ts.CallExpression, i = 0) => {
  const arg = call.arguments[i];
  return arg && ts.isStringLiteralLike(arg) ? arg.text : undefined;
};

/** A type-graphql class: its GraphQL name, `@key`, field count and the type it resolves. */
interface ClassInfo {
  readonly subgraph: string;
  readonly path: string;
  readonly className: string;
  readonly typeName: string | undefined;
  readonly isEntity: boolean;
  readonly fieldCount: number;
  /** `@Resolver(() => Country)`: the class named in it. */
  readonly resolves: string | undefined;
}

function classesOf(subgraph: string, path: string): ClassInfo[] {
  return sourceFile(path)
    .statements.filter(ts.isClassDeclaration)
    .map((node) => {
      const calls = decoratorCalls(node);
      const objectType = calls.find((c) => calleeName(c) === 'ObjectType');
      const resolver = calls.find((c) => calleeName(c) === 'Resolver');
      const target = resolver?.arguments[0];
      const resolved =
        target && ts.isArrowFunction(target) && ts.isIdentifier(target.body)
          ? target.body.text
          : target && ts.isIdentifier(target)
            ? target.text
            : undefined;
      return {
        subgraph,
        path,
        className: node.name?.text ?? '',
        typeName: objectType ? (stringArg(objectType) ?? node.name?.text) : undefined,
        isEntity: calls.some(
          (c) => calleeName(c) === 'Directive' && (stringArg(c) ?? '').startsWith('@key'),
        ),
        fieldCount: node.members.filter((m) =>
          decoratorCalls(m).some((c) => calleeName(c) === 'Field'),
        ).length,
        resolves: resolved,
      };
    });
}

const CLASSES = SUBGRAPHS.flatMap((s) => sourcesOf(s).flatMap((path) => classesOf(s, path)));

/**
 * The owner of each entity: of the subgraphs declaring it with `@key`, the one declaring the most
 * fields (a stub declares its key only; extension fields come from resolvers).
 */
const OWNERS = new Map<string, string>();
/** Entities two subgraphs own together (member-states its findings, assistance its gaps). */
const CO_OWNED = new Set(['CoverageGapReport']);
for (const c of CLASSES.filter((k) => k.isEntity && k.typeName && !CO_OWNED.has(k.typeName))) {
  const best = CLASSES.filter((k) => k.isEntity && k.typeName === c.typeName).sort(
    (a, b) => b.fieldCount - a.fieldCount,
  )[0];
  OWNERS.set(c.typeName!, best!.subgraph);
}

const ALLOWED_FILE =
  /^[a-z0-9]+(?:-[a-z0-9]+)*\.(entity|input|validation|repository|resolver|seed|model|import)\.ts$/;

function fileRoleViolations(): string[] {
  return SUBGRAPHS.flatMap((s) => {
    const fixed = new Set([
      'index.ts',
      'main.ts',
      'context.ts',
      'schema.graphql',
      'README.md',
      'foreign.entity.ts',
      `${s}.table.ts`,
      `${s}.loaders.ts`,
      `${s}.reference.ts`,
      `${s}.access.ts`,
    ]);
    return readdirSync(join(SUBGRAPHS_DIR, s)).flatMap((name) => {
      const path = `subgraphs/${s}/${name}`;
      if (statSync(projectPath(path)).isDirectory()) {
        return name === 'migrations' || name === 'seed'
          ? []
          : [`${path}/: no such folder in a subgraph (only migrations/ and seed/)`];
      }
      if (fixed.has(name) || ALLOWED_FILE.test(name) || isTest(name)) {
        return [];
      }
      const role = /\.(table|loaders|reference|access)\.ts$/.exec(name)?.[1];
      return [
        role
          ? `${path}: the subgraph has one ${role} file, ${s}.${role}.ts`
          : `${path}: no file role (entity, input, validation, repository, resolver, seed, model, import, or a subgraph file)`,
      ];
    });
  });
}

function foreignStubViolations(): string[] {
  return CLASSES.filter(
    (c) =>
      c.isEntity &&
      c.typeName &&
      OWNERS.has(c.typeName) &&
      OWNERS.get(c.typeName) !== c.subgraph &&
      !c.path.endsWith('/foreign.entity.ts'),
  ).map(
    (c) =>
      `${rel(c.path)}: stub ${c.typeName} (owned by ${OWNERS.get(c.typeName!)}) belongs in subgraphs/${c.subgraph}/foreign.entity.ts`,
  );
}

function resolverImportViolations(): string[] {
  return SUBGRAPHS.flatMap(sourcesOf)
    .filter((path) => path.endsWith('.resolver.ts'))
    .flatMap((path) =>
      sourceFile(path)
        .statements.filter(ts.isImportDeclaration)
        .map((i) => (i.moduleSpecifier as ts.StringLiteral).text)
        .filter((spec) => spec.endsWith('.resolver.js'))
        .map((spec) => `${rel(path)}: imports the resolver file ${spec}`),
    );
}

function extensionResolverViolations(): string[] {
  return CLASSES.flatMap((c) => {
    if (!c.resolves) {
      return [];
    }
    const target = CLASSES.find((k) => k.subgraph === c.subgraph && k.className === c.resolves);
    const typeName = target?.typeName ?? c.resolves;
    const owner = OWNERS.get(typeName);
    if (!owner || owner === c.subgraph) {
      return [];
    }
    const file = `${kebab(typeName)}-${c.subgraph}.resolver.ts`;
    const className = `${typeName}${pascal(c.subgraph)}Resolver`;
    return c.path.endsWith(`/${file}`) && c.className === className
      ? []
      : [
          `${rel(c.path)}: ${c.className} adds fields to ${typeName} (owned by ${owner}): expected class ${className} in ${file}`,
        ];
  });
}

/** Production code of the subgraphs and the kernel: no cast through `never` or `unknown`. */
function castViolations(): string[] {
  const kernel = ['schema', 'loaders'].flatMap((dir) =>
    filesUnder(projectPath(dir)).filter((p) => p.endsWith('.ts') && !isTest(p)),
  );
  return [...SUBGRAPHS.flatMap(sourcesOf), ...kernel].flatMap((path) =>
    readFileSync(path, 'utf8')
      .split('\n')
      .filter((line) => /\bas never\b|\bas unknown as\b/.test(line))
      .map((line) => `${rel(path)}: cast "${line.trim()}"`),
  );
}

/** `updated_at` is `UpdatedAt` in tables and set only with `touch()` (loaders/touch.ts). */
function updatedAtViolations(): string[] {
  return SUBGRAPHS.flatMap(sourcesOf).flatMap((path) =>
    readFileSync(path, 'utf8')
      .split('\n')
      .filter((line) =>
        path.endsWith('.table.ts')
          ? /\bupdated_at\??\s*:/.test(line) && !/\bupdated_at\??\s*:\s*UpdatedAt\s*;/.test(line)
          : /\bupdated_at\s*:\s*(?!touch\(\)|_\b)\S/.test(line) ||
            /\bupdated_at\s*=\s*now\(\)/i.test(line),
      )
      .map((line) => `${rel(path)}: updated_at not through UpdatedAt/touch() "${line.trim()}"`),
  );
}

const CHECKS: Record<string, () => string[]> = {
  'file roles': fileRoleViolations,
  'foreign stubs only in foreign.entity.ts': foreignStubViolations,
  'no resolver file imports another': resolverImportViolations,
  'extension resolvers are <Owner><Subgraph>Resolver in <owner>-<subgraph>.resolver.ts':
    extensionResolverViolations,
  'no `as never` / `as unknown as` in production code': castViolations,
  'updated_at only via touch()': updatedAtViolations,
};

describe('the subgraph file convention (docs/conventions.md)', () => {
  it.each(Object.entries(CHECKS))('%s: no violation', (_name, check) => {
    expect(check(), 'see docs/conventions.md').toEqual([]);
  });

  it('recognises entities and their owners from the source', () => {
    expect(OWNERS.get('Country')).toBe('member-states');
    expect(OWNERS.get('Legislation')).toBe('laws');
  });
});
