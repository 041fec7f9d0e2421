import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { projectPath } from '../../loaders/project-path.js';

const entrySchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be kebab-case, such as "member-states"'),
  url: z.url({ protocol: /^https?$/ }),
  sdl: z.string().min(1),
  owner: z.string().min(1),
  tier: z.enum(['CORE', 'PARTNER']),
  contact: z.string().min(1),
  /** PARTNER subgraphs may define root `Mutation` fields only when this is true. */
  allowMutations: z.boolean().default(false),
});

const registrySchema = z.object({
  subgraphs: z.array(entrySchema).min(1),
});

export type RegistryEntry = z.output<typeof entrySchema>;

/** Reads and validates `schema/subgraphs.json`; every problem is named. */
export async function readRegistry(path: string): Promise<RegistryEntry[]> {
  const parsed = registrySchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid subgraph registry ${path}:\n  - ${problems.join('\n  - ')}`);
  }
  const names = parsed.data.subgraphs.map((s) => s.name);
  const duplicate = names.find((name, i) => names.indexOf(name) !== i);
  if (duplicate) {
    throw new Error(`Invalid subgraph registry ${path}: "${duplicate}" is listed twice`);
  }
  return parsed.data.subgraphs;
}

/** Where an entry's SDL file is: relative to the project root, or absolute. */
export function sdlPathOf(entry: RegistryEntry): string {
  return projectPath(entry.sdl);
}

/** `SUBGRAPH_URL_MEMBER_STATES` overrides the registry URL of `member-states`. */
export function subgraphUrlEnvName(name: string): string {
  return `SUBGRAPH_URL_${name.toUpperCase().replace(/-/g, '_')}`;
}

/** `{ name: tier }` of every registered subgraph: the gateway's signing-key rules read it. */
export async function readSubgraphTiers(
  path = projectPath('schema', 'subgraphs.json'),
): Promise<Record<string, RegistryEntry['tier']>> {
  return Object.fromEntries((await readRegistry(path)).map((e) => [e.name, e.tier]));
}
