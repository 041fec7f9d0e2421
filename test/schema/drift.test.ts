import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../../loaders/project-path.js';
import { buildFederatedSchema, printSubgraphSdl } from '../../schema/build-subgraph-schema.js';
import { composeSupergraph } from '../../schema/composition/compose.js';
import { readRegistry } from '../../schema/composition/registry.js';
import { CORE_SUBGRAPHS } from '../../subgraphs/index.js';

const FIX = 'Run `npm run schema:emit && npm run schema:compose` and commit the result.';

describe('generated schema files', () => {
  it.each(CORE_SUBGRAPHS.map((s) => [s.name, s] as const))(
    'subgraphs/%s/schema.graphql matches the code',
    async (_name, subgraph) => {
      const registry = await readRegistry(projectPath('schema', 'subgraphs.json'));
      const entry = registry.find((r) => r.name === subgraph.name);
      expect(entry, `${subgraph.name} must be in schema/subgraphs.json`).toBeDefined();
      const committed = await readFile(projectPath(entry!.sdl), 'utf8');
      expect(committed, FIX).toBe(printSubgraphSdl(await buildFederatedSchema(subgraph)));
    },
  );

  it('schema/supergraph.graphql is the composition of the committed subgraph SDL', async () => {
    const registry = await readRegistry(projectPath('schema', 'subgraphs.json'));
    const subgraphs = await Promise.all(
      registry.map(async (r) => ({
        name: r.name,
        url: r.url,
        sdl: await readFile(projectPath(r.sdl), 'utf8'),
      })),
    );
    expect(await readFile(projectPath('schema', 'supergraph.graphql'), 'utf8'), FIX).toBe(
      composeSupergraph(subgraphs),
    );
  });

  it('every entity and field of the supergraph has a description', async () => {
    const sdl = await readFile(projectPath('schema', 'supergraph.graphql'), 'utf8');
    const { buildASTSchema, parse, isObjectType, isInputObjectType } = await import('graphql');
    // The API schema is what clients see: federation's own types are filtered out by prefix.
    const schema = buildASTSchema(parse(sdl), { assumeValid: true, assumeValidSDL: true });
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (
        type.name.startsWith('__') ||
        type.name.startsWith('join__') ||
        type.name.startsWith('link__')
      ) {
        continue;
      }
      if (isObjectType(type) || isInputObjectType(type)) {
        if (!type.description && type.name !== 'Query' && type.name !== 'Mutation') {
          missing.push(type.name);
        }
        for (const field of Object.values(type.getFields())) {
          if (!field.description && !(type.name === 'Query' && field.name.startsWith('_'))) {
            missing.push(`${type.name}.${field.name}`);
          }
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
