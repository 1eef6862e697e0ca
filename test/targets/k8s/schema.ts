/**
 * Offline checks of generated objects against the types of the `kubernetes-models` package:
 * its classes validate values (types, required fields) but let unknown fields through, so the
 * keys are checked here against the package's own TypeScript declarations, walked with the
 * TypeScript compiler: a field the API does not have is reported with its path.
 */
import { join } from 'node:path';
import ts from 'typescript';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { Service } from 'kubernetes-models/v1/Service';
import { PROJECT_ROOT } from '../../support/tools.js';

/** The kinds the target writes: the model class, and its module and interface for the key check. */
const kinds = {
  Deployment: { model: Deployment, module: 'kubernetes-models/apps/v1/Deployment', type: 'IDeployment' },
  Job: { model: Job, module: 'kubernetes-models/batch/v1/Job', type: 'IJob' },
  Service: { model: Service, module: 'kubernetes-models/v1/Service', type: 'IService' },
  PersistentVolumeClaim: { model: PersistentVolumeClaim, module: 'kubernetes-models/v1/PersistentVolumeClaim', type: 'IPersistentVolumeClaim' },
  Namespace: { model: Namespace, module: 'kubernetes-models/v1/Namespace', type: 'INamespace' },
} as const;

type Kind = keyof typeof kinds;

let roots: { checker: ts.TypeChecker; types: Map<string, ts.Type> } | undefined;

/** A program over one virtual file that imports each kind's interface. */
function load(): NonNullable<typeof roots> {
  if (roots) return roots;
  const file = join(PROJECT_ROOT, 'test/targets/k8s/__kinds__.ts');
  const names = Object.keys(kinds) as Kind[];
  const text = [
    ...names.map((kind) => `import type { ${kinds[kind].type} } from '${kinds[kind].module}';`),
    `export interface Kinds { ${names.map((kind) => `${kind}: ${kinds[kind].type};`).join(' ')} }`,
  ].join('\n');
  const options: ts.CompilerOptions = { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, strict: true, noEmit: true, skipLibCheck: true, types: [] };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version, ...rest) => (name === file ? ts.createSourceFile(name, text, version) : getSourceFile(name, version, ...rest));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === file || fileExists(name);
  const program = ts.createProgram([file], options, host);
  const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  if (problems.length > 0) throw new Error(`cannot read the kubernetes-models types:\n${problems.join('\n')}`);
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file)!;
  const kindsType = checker.getTypeAtLocation(source.statements.find(ts.isInterfaceDeclaration)!.name);
  const types = new Map(names.map((kind) => [kind, checker.getTypeOfSymbol(kindsType.getProperty(kind)!)]));
  roots = { checker, types };
  return roots;
}

/** Paths of the fields of `object` that its kind does not have (`spec.template.spec.containers[0].imagex`). */
export function unknownFields(object: unknown): string[] {
  const { checker, types } = load();
  const kind = (object as { kind?: string }).kind ?? '';
  const type = types.get(kind);
  if (!type) return [`kind: ${kind} is not one the target writes`];
  const out: string[] = [];
  walk(checker, object, type, '', out);
  return out;
}

function walk(checker: ts.TypeChecker, value: unknown, type: ts.Type, path: string, out: string[]): void {
  const candidates = (type.isUnion() ? type.types : [type]).filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)));
  if (Array.isArray(value)) {
    const list = candidates.find((t) => checker.isArrayType(t));
    if (!list) return void out.push(`${path}: a list where the API has none`);
    const item = checker.getTypeArguments(list as ts.TypeReference)[0]!;
    value.forEach((v, i) => walk(checker, v, item, `${path}[${i}]`, out));
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const shape = candidates.find((t) => t.flags & ts.TypeFlags.Object && !checker.isArrayType(t));
  if (!shape) return void out.push(`${path}: a map where the API has none`);
  const index = checker.getIndexTypeOfType(shape, ts.IndexKind.String);
  for (const [key, item] of Object.entries(value)) {
    const at = path === '' ? key : `${path}.${key}`;
    const property = shape.getProperty(key);
    if (property) walk(checker, item, checker.getTypeOfSymbol(property), at, out);
    else if (index) walk(checker, item, index, at, out);
    else out.push(at);
  }
}

/** Every problem of one object: the model's validation, then fields the API does not know. */
export function objectProblems(object: unknown): string[] {
  const kind = (object as { kind?: string }).kind ?? '';
  const entry = kinds[kind as Kind];
  if (!entry) return [`kind: ${kind} is not one the target writes`];
  const problems: string[] = [];
  try {
    new entry.model(object as never).validate();
  } catch (error) {
    problems.push(`${kind}: ${(error as Error).message}`);
  }
  return [...problems, ...unknownFields(object).map((p) => `${kind}: unknown field ${p}`)];
}
