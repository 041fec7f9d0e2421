import 'reflect-metadata';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { projectPath } from '../loaders/seed-files.js';
import { buildFederatedSchema, printSubgraphSdl } from '../schema/build-subgraph-schema.js';
import { composeSupergraph } from '../schema/compose.js';
import { readRegistry } from '../schema/registry.js';
import { CORE_SUBGRAPHS } from '../subgraphs/index.js';

// `npm run schema:emit | schema:compose | schema:check`
const SUPERGRAPH = projectPath('schema', 'supergraph.graphql');

async function emitted(): Promise<Map<string, string>> {
  const registry = await readRegistry(projectPath('schema', 'subgraphs.json'));
  const files = new Map<string, string>();
  for (const subgraph of CORE_SUBGRAPHS) {
    const entry = registry.find((r) => r.name === subgraph.name);
    if (!entry) {
      throw new Error(`Subgraph "${subgraph.name}" is not in schema/subgraphs.json; add it there.`);
    }
    files.set(projectPath(entry.sdl), printSubgraphSdl(await buildFederatedSchema(subgraph)));
  }
  return files;
}

async function composed(sdlOverrides: Map<string, string>): Promise<string> {
  const registry = await readRegistry(projectPath('schema', 'subgraphs.json'));
  const subgraphs = await Promise.all(
    registry.map(async (entry) => ({
      name: entry.name,
      url: entry.url,
      sdl:
        sdlOverrides.get(projectPath(entry.sdl)) ??
        (await readFile(projectPath(entry.sdl), 'utf8')),
    })),
  );
  return composeSupergraph(subgraphs);
}

/** Writes through a temporary file and a rename, so a watching gateway never reads half a file. */
async function writeAtomically(path: string, text: string): Promise<void> {
  await writeFile(`${path}.tmp`, text);
  await rename(`${path}.tmp`, path);
}

async function readOrEmpty(path: string): Promise<string> {
  return readFile(path, 'utf8').catch(() => '');
}

const command = process.argv[2];
if (command === 'emit') {
  for (const [path, sdl] of await emitted()) {
    await writeAtomically(path, sdl);
    process.stdout.write(`wrote ${path}\n`);
  }
} else if (command === 'compose') {
  await writeAtomically(SUPERGRAPH, await composed(new Map()));
  process.stdout.write(`wrote ${SUPERGRAPH}\n`);
} else if (command === 'check') {
  const files = await emitted();
  files.set(SUPERGRAPH, await composed(files));
  const drifted: string[] = [];
  for (const [path, expected] of files) {
    if ((await readOrEmpty(path)) !== expected) {
      drifted.push(path);
    }
  }
  if (drifted.length > 0) {
    process.stderr.write(
      `Generated schema files differ from the code:\n  ${drifted.join('\n  ')}\nRun: npm run schema:emit && npm run schema:compose\n`,
    );
    process.exit(1);
  }
  process.stdout.write('schema files match the code\n');
} else {
  process.stderr.write('Usage: scripts/schema.ts emit | compose | check\n');
  process.exit(64);
}
