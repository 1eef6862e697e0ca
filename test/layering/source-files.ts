import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

export const srcDir = resolve(import.meta.dirname, '../../src');

export interface SourceFile {
  /** Relative to src/, with forward slashes. */
  path: string;
  tree: ts.SourceFile;
}

export interface Import {
  from: string;
  /** The imported file, relative to src/. */
  to: string;
  /** `import type`, or every name in it a type: nothing is loaded. */
  typeOnly: boolean;
  /** `import()`: loaded only when the code runs. */
  lazy: boolean;
}

export function sourceFiles(dir = srcDir): SourceFile[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.c?ts$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort()
    .map((file) => ({ path: relative(srcDir, file).split(sep).join('/'), tree: ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true) }));
}

/** The first folder under src/ (a file directly in src/ is its own module, named after it). */
export function moduleOf(path: string): string {
  const [first, ...rest] = path.split('/');
  return rest.length > 0 ? first! : first!.replace(/\.c?ts$/, '');
}

/** Every relative import of the file, static and `import()`. */
export function importsOf(file: SourceFile): Import[] {
  const out: Import[] = [];
  const add = (specifier: ts.Expression | undefined, typeOnly: boolean, lazy: boolean) => {
    if (!specifier || !ts.isStringLiteral(specifier) || !specifier.text.startsWith('.')) return;
    const to = relative(srcDir, resolve(srcDir, dirname(file.path), specifier.text)).split(sep).join('/').replace(/\.js$/, '.ts').replace(/\.cjs$/, '.cts');
    out.push({ from: file.path, to, typeOnly, lazy });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) add(node.moduleSpecifier, typeOnlyImport(node), false);
    else if (ts.isExportDeclaration(node)) add(node.moduleSpecifier, node.isTypeOnly, false);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node.arguments[0], false, true);
    ts.forEachChild(node, visit);
  };
  visit(file.tree);
  return out;
}

function typeOnlyImport(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return false;
  if (clause.isTypeOnly) return true;
  if (clause.name) return false;
  const bindings = clause.namedBindings;
  return bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
}

export interface FunctionSpan {
  file: string;
  name: string;
  lines: number;
}

/** Every function, method and arrow function of the file, with its length in lines (nested ones counted in their parent too). */
export function functionsOf(file: SourceFile): FunctionSpan[] {
  const out: FunctionSpan[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = file.tree.getLineAndCharacterOfPosition(node.getStart(file.tree)).line;
      const end = file.tree.getLineAndCharacterOfPosition(node.getEnd()).line;
      out.push({ file: file.path, name: functionName(node), lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(file.tree);
  return out;
}

function functionName(node: ts.Node): string {
  const named = node as { name?: ts.Node };
  if (named.name && (ts.isIdentifier(named.name) || ts.isStringLiteral(named.name))) return named.name.text;
  const parent = node.parent;
  if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) && ts.isIdentifier(parent.name)) return parent.name.text;
  return '<anonymous>';
}
