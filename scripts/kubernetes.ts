import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { projectPath } from '../loaders/project-path.js';
import { readRegistry } from '../schema/composition/registry.js';
import { KUBERNETES_BASE, kubernetesBaseFiles } from './kubernetes-base.js';

// `npm run k8s:emit | k8s:check`: the kustomize base of deploy/kubernetes from schema/subgraphs.json.
const mode = process.argv[2];
if (mode !== 'emit' && mode !== 'check') {
  process.stderr.write('Usage: npm run k8s:emit | npm run k8s:check\n');
  process.exit(2);
}
const files = await kubernetesBaseFiles(
  await readRegistry(projectPath('schema', 'subgraphs.json')),
);
const present = await readdir(projectPath(KUBERNETES_BASE)).catch(() => [] as string[]);
const stale = present.map((f) => `${KUBERNETES_BASE}/${f}`).filter((f) => !files.has(f));
if (mode === 'emit') {
  for (const file of stale) {
    await rm(projectPath(file));
  }
  for (const [file, text] of files) {
    await mkdir(dirname(projectPath(file)), { recursive: true });
    await writeFile(projectPath(file), text);
  }
  process.stdout.write(`Wrote ${files.size} files to ${KUBERNETES_BASE}.\n`);
} else {
  const drifted = [...stale];
  for (const [file, text] of files) {
    if ((await readFile(projectPath(file), 'utf8').catch(() => '')) !== text) {
      drifted.push(file);
    }
  }
  if (drifted.length > 0) {
    process.stderr.write(
      `The Kubernetes base differs from schema/subgraphs.json:\n  ${drifted.join('\n  ')}\nRun: npm run k8s:emit\n`,
    );
    process.exit(1);
  }
  process.stdout.write('The Kubernetes base matches schema/subgraphs.json.\n');
}
