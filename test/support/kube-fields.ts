import ts from 'typescript';
import { projectPath } from '../../loaders/project-path.js';
import type { KubeObject } from './kubectl.js';

/**
 * Fields the Kubernetes API does not define, in rendered objects. kubernetes-models' validators
 * accept unknown fields (the upstream schemas allow them), and the API server drops them, so a
 * misspelt field in an overlay's patch (`resource:` for `resources:`) would pass unseen. Here each
 * object is checked by TypeScript against the same package's interface for its kind, as an object
 * literal: its excess-property check names every field the interface lacks, at any depth, and
 * its type check every value of the wrong kind (TypeScript reports the first excess field of each
 * object literal, so an object may hold more than it names). One program per call, in memory;
 * nothing written.
 *
 * Returns one line per problem: `Kind/name: message`.
 */
export function unknownFields(objects: readonly KubeObject[]): string[] {
  // One statement per object; a diagnostic's offset names its object.
  let text = '// Rendered Kubernetes objects, each typed by kubernetes-models.\n';
  const starts: number[] = [];
  objects.forEach((object, i) => {
    const module = `kubernetes-models/${object.apiVersion}/${object.kind}`;
    starts.push(text.length);
    text += `export const o${i}: import(${JSON.stringify(module)}).I${object.kind} = ${JSON.stringify(object)};\n`;
  });
  const fileName = projectPath('test', 'deploy', '__rendered-objects__.ts');
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version, ...rest) =>
    name === fileName
      ? ts.createSourceFile(name, text, version, true)
      : getSourceFile(name, version, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === fileName || fileExists(name);
  const program = ts.createProgram([fileName], options, host);
  const source = program.getSourceFile(fileName);
  if (!source) {
    throw new Error('the rendered objects did not compile into a source file');
  }
  return ts.getPreEmitDiagnostics(program, source).map((diagnostic) => {
    const at = diagnostic.start ?? -1;
    const object = objects[starts.findLastIndex((start) => start <= at)];
    const where = object ? `${object.kind}/${object.metadata.name}` : 'rendered objects';
    return `${where}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`;
  });
}
