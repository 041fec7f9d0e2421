import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { inCI } from './services.js';

/**
 * kubectl renders the kustomize overlays (`kubectl kustomize`, no cluster needed). `KUBECTL`
 * points elsewhere than /usr/bin/kubectl. Under CI=true a missing kubectl fails the run; elsewhere
 * the Kubernetes tests are reported as skipped with `noKubectlReason`.
 */
export const kubectlPath = process.env['KUBECTL'] || '/usr/bin/kubectl';
export const hasKubectl = existsSync(kubectlPath);
if (!hasKubectl && inCI) {
  throw new Error(
    `No kubectl at ${kubectlPath}, and CI=true: the Kubernetes manifests must be rendered and validated (install kubectl or set KUBECTL).`,
  );
}
export const skipWithoutKubectl = !hasKubectl && !inCI;
export const noKubectlReason = hasKubectl
  ? undefined
  : `no kubectl at ${kubectlPath} (install kubectl, or set KUBECTL)`;

/** A rendered Kubernetes object, as plain data. */
export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string };
  readonly [field: string]: unknown;
}

/** `kubectl kustomize <dir>`: every object of the overlay, parsed. */
export async function kustomize(dir: string): Promise<KubeObject[]> {
  const { stdout } = await promisify(execFile)(kubectlPath, ['kustomize', dir], {
    maxBuffer: 16 * 1024 * 1024,
  });
  return parseAllDocuments(stdout).map((d) => d.toJS() as KubeObject);
}
