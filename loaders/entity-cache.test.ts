import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Every `defineEntityCache<K, V>({ subgraph, name, version })` in the project, with the shape of
// V as the type checker sees it (every property, recursively). An entry cached under the old shape
// would be read back as the new one until its TTL ran out, so a changed shape must come with a
// bumped version. The recorded shapes live in loaders/entity-cache.shapes.json; after a bump,
// `UPDATE_CACHE_SHAPES=1 npx vitest run --config test/vitest.config.ts loaders/entity-cache.test.ts`
// records the new one.

const root = join(import.meta.dirname, '..');
const recordFile = join(root, 'loaders', 'entity-cache.shapes.json');

interface Found {
  readonly id: string;
  readonly version: number;
  readonly shape: string;
  readonly where: string;
}

function shapeOf(checker: ts.TypeChecker, type: ts.Type, depth = 0): string {
  if (depth > 8) {
    return checker.typeToString(type);
  }
  if (type.isUnion()) {
    return type.types
      .map((t) => shapeOf(checker, t, depth + 1))
      .sort()
      .join(' | ');
  }
  if (checker.isArrayType(type) || checker.isTupleType(type)) {
    const args = checker.getTypeArguments(type as ts.TypeReference);
    return `${args.map((t) => shapeOf(checker, t, depth + 1)).join(', ')}[]`;
  }
  const name = checker.typeToString(type);
  if (!(type.flags & ts.TypeFlags.Object) || name === 'Date') {
    return name;
  }
  const props = checker.getPropertiesOfType(type).map((p) => {
    const declaration = p.valueDeclaration ?? p.declarations?.[0];
    const t = declaration
      ? checker.getTypeOfSymbolAtLocation(p, declaration)
      : checker.getDeclaredTypeOfSymbol(p);
    const optional = p.flags & ts.SymbolFlags.Optional ? '?' : '';
    return `${p.name}${optional}: ${shapeOf(checker, t, depth + 1)}`;
  });
  return `{ ${props.sort().join('; ')} }`;
}

function literal(node: ts.ObjectLiteralExpression, key: string): string | undefined {
  for (const p of node.properties) {
    if (ts.isPropertyAssignment(p) && p.name.getText() === key) {
      return p.initializer.getText().replace(/^['"]|['"]$/g, '');
    }
  }
  return undefined;
}

function findCaches(): Found[] {
  const configPath = join(root, 'tsconfig.json');
  const config = ts.parseJsonConfigFileContent(
    ts.readConfigFile(configPath, ts.sys.readFile).config,
    ts.sys,
    root,
  );
  const files = config.fileNames.filter(
    (f) => /\/subgraphs\/.*\.ts$/.test(f) && !/\.test\./.test(f),
  );
  const program = ts.createProgram(files, config.options);
  const checker = program.getTypeChecker();
  const found: Found[] = [];
  for (const file of program.getSourceFiles()) {
    if (!files.includes(file.fileName)) {
      continue;
    }
    const visit = (node: ts.Node): void => {
      if (
        ts.isCallExpression(node) &&
        node.expression.getText(file) === 'defineEntityCache' &&
        node.arguments[0] &&
        ts.isObjectLiteralExpression(node.arguments[0])
      ) {
        const spec = node.arguments[0];
        const valueType = node.typeArguments?.[1];
        const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
        const where = `${file.fileName.slice(root.length + 1)}:${line + 1}`;
        found.push({
          id: `${literal(spec, 'subgraph')}:${literal(spec, 'name')}`,
          version: Number(literal(spec, 'version')),
          shape: valueType
            ? createHash('sha256')
                .update(shapeOf(checker, checker.getTypeFromTypeNode(valueType)))
                .digest('hex')
                .slice(0, 16)
            : 'untyped',
          where,
        });
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return found.sort((a, b) => a.id.localeCompare(b.id));
}

describe('entity caches', () => {
  const caches = findCaches();

  it('are all typed, named once, and found in every subgraph that caches', () => {
    expect(caches.length).toBeGreaterThan(20);
    expect(caches.filter((c) => c.shape === 'untyped').map((c) => c.where)).toEqual([]);
    const ids = caches.map((c) => c.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(new Set(caches.map((c) => c.id.split(':')[0]))).toEqual(
      new Set(['assistance', 'funding', 'hotline-reports', 'laws', 'member-states', 'partners']),
    );
  });

  it('change shape only with a new version', () => {
    const current = Object.fromEntries(
      caches.map((c) => [c.id, { version: c.version, shape: c.shape }]),
    );
    if (process.env['UPDATE_CACHE_SHAPES'] === '1' || !existsSync(recordFile)) {
      writeFileSync(recordFile, `${JSON.stringify(current, null, 2)}\n`);
    }
    const recorded = JSON.parse(readFileSync(recordFile, 'utf8')) as Record<
      string,
      { version: number; shape: string }
    >;
    const problems: string[] = [];
    for (const c of caches) {
      const before = recorded[c.id];
      if (!before) {
        problems.push(`${c.id} (${c.where}) is new: record it (UPDATE_CACHE_SHAPES=1)`);
      } else if (before.version === c.version && before.shape !== c.shape) {
        problems.push(
          `${c.id} (${c.where}) stores a new shape under version ${c.version}: bump its version, then record it (UPDATE_CACHE_SHAPES=1)`,
        );
      } else if (before.version !== c.version) {
        problems.push(
          `${c.id} (${c.where}) is at version ${c.version}: record it (UPDATE_CACHE_SHAPES=1)`,
        );
      }
    }
    for (const id of Object.keys(recorded)) {
      if (!(id in current)) {
        problems.push(`${id} is recorded but no longer defined: remove it (UPDATE_CACHE_SHAPES=1)`);
      }
    }
    expect(problems).toEqual([]);
  });
});
