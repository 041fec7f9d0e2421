import ts from 'typescript';
import { projectPath } from '../../loaders/project-path.js';
import type { KubeObject } from './kubectl.js';

/**
 * Fields the Kubernetes API does not define, in rendered objects. kubernetes-models' validators
 * accept unknown fields (the upstream schemas allow them), and the API server drops them, so a
 * misspelt field in an overlay's patch (`resource:` for `resources:`) would pass unseen. Here each
 * object is checked by TypeScript against the same package's interface for its kind, as an object
 * literal: its excess-property check names every field the interface lacks, at any depth, and
 * its type check every value of the wrong kind. One program per call, in memory; nothing written.
 *
 * Returns one line per problem: `Kind/name: message`.
 */
export function unknownFields(objects: readonly KubeObject[]): string[] {
  // One line per object, so a diagnostic's line names its object.
  const header = '// Rendered Kubernetes objects, each typed by kubernetes-models.';
  const lines = [header];
  objects.forEach((object, i) => {
    const module = `kubernetes-models/${object.apiVersion}/${object.kind}`;
    lines.push(
      `export const o${i}: import(${JSON.stringify(module)}).I${object.kind} = ${JSON.stringify(object)};`,
    );
  });
  const fileName = projectPath('test', 'deploy', '__rendered-objects__.ts');
  const text = lines.join('\n');
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
    const line =
      diagnostic.file && diagnostic.start !== undefined
        ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line
        : 0;
    const object = objects[line - 1];
    const where = object ? `${object.kind}/${object.metadata.name}` : 'rendered objects';
    return `${where}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`;
  });
}
