import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { PROJECT_ROOT } from '../support/tools.js';
import { functionsOf, importsOf, moduleOf, sourceFiles, type Import } from './source-files.js';

/**
 * Which top-level folders of src/ each may import (a file directly in src/ is a module of its own).
 * The arrows run one way: cli on top; pipeline (compile → render → plan) over targets, output, spec;
 * runtime over targets; diagnostics and paths at the bottom, importable by all.
 */
const allowed: Record<string, readonly string[]> = {
  cli: ['pipeline', 'runtime', 'import', 'diagram', 'output', 'targets', 'model', 'spec', 'graph', 'diagnostics', 'paths'],
  pipeline: ['output', 'targets', 'model', 'spec', 'graph', 'diagnostics'],
  runtime: ['targets', 'model', 'graph', 'diagnostics', 'paths'],
  import: ['model', 'spec', 'diagnostics'],
  diagram: ['model', 'graph'],
  output: ['targets'],
  targets: ['model', 'graph', 'diagnostics', 'paths'],
  model: ['spec', 'diagnostics'],
  spec: ['graph', 'diagnostics', 'paths'],
  graph: [],
  diagnostics: [],
  paths: [],
};

/**
 * The one edge against the flow: a target's registry entry names its runtime driver, which it
 * imports lazily (`import()`, when a runtime command runs) and by type only. Nothing is loaded
 * by it when a target renders, and it is left out of the cycle check.
 */
const lazyEdges: Record<string, readonly string[]> = { targets: ['runtime'] };
const lazyOrType = (i: Import) => i.lazy || i.typeOnly;

const maxLines = 60;

const files = sourceFiles();
const imports = files.flatMap(importsOf);
const crossing = imports.filter((i) => moduleOf(i.from) !== moduleOf(i.to));
const edge = (i: Import) => `${moduleOf(i.from)} -> ${moduleOf(i.to)}`;

describe('layering of src/', () => {
  test('reads the imports (what the checks below look at exists)', () => {
    expect(files.length).toBeGreaterThan(300);
    expect(crossing.some((i) => i.from === 'cli/actions/build.ts' && i.to === 'pipeline/build.ts')).toBe(true);
    expect(crossing.some((i) => i.lazy && i.from === 'targets/systemd/index.ts' && i.to === 'runtime/systemd/driver.ts')).toBe(true);
  });

  test('every module is in the allowed list', () => {
    expect([...new Set(files.map((f) => moduleOf(f.path)))].filter((m) => !(m in allowed))).toEqual([]);
  });

  test('every import between modules is an allowed edge', () => {
    const sanctioned = (i: Import) => lazyOrType(i) && lazyEdges[moduleOf(i.from)]?.includes(moduleOf(i.to)) === true;
    const refused = crossing.filter((i) => !allowed[moduleOf(i.from)]?.includes(moduleOf(i.to)) && !sanctioned(i)).map((i) => `${edge(i)}: ${i.from} imports ${i.to}`);
    expect(refused).toEqual([]);
  });

  test('no cycle between modules, and the allowed list has none either', () => {
    const actual = new Map<string, Set<string>>();
    for (const i of crossing.filter((c) => !(lazyOrType(c) && lazyEdges[moduleOf(c.from)]?.includes(moduleOf(c.to))))) actual.set(moduleOf(i.from), (actual.get(moduleOf(i.from)) ?? new Set()).add(moduleOf(i.to)));
    expect(cycles(actual)).toEqual([]);
    expect(cycles(new Map(Object.entries(allowed).map(([m, to]) => [m, new Set(to)])))).toEqual([]);
  });
});

describe("README's Layout", () => {
  test('names, for each folder, exactly the folders it imports (diagnostics and paths aside)', () => {
    const layout = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8').split('\n## Layout\n')[1]!.split('\n`orchgen`')[0]!;
    const said = new Map<string, string[]>();
    for (const [, module, text] of layout.matchAll(/^- `src\/([a-z]+)(?:\/<name>)?`: ([\s\S]*?)(?=^- |(?![\s\S]))/gm)) {
      const imports = /\b[Ii]mports ([^.]*)\./.exec(text!)?.[1] ?? '';
      said.set(module!, [...imports.matchAll(/`([a-z]+)`/g)].map((m) => m[1]!).sort());
    }
    const actual = new Map<string, Set<string>>();
    const againstTheFlow = (c: Import) => lazyOrType(c) && lazyEdges[moduleOf(c.from)]?.includes(moduleOf(c.to)) === true;
    for (const i of crossing.filter((c) => !againstTheFlow(c) && !['diagnostics', 'paths'].includes(moduleOf(c.to)))) actual.set(moduleOf(i.from), (actual.get(moduleOf(i.from)) ?? new Set()).add(moduleOf(i.to)));
    // cli imports every layer below, as its line says
    const described = [...said].filter(([module]) => module !== 'cli' && module !== 'diagnostics');
    expect(described.length).toBeGreaterThanOrEqual(9);
    expect(Object.fromEntries(described)).toEqual(Object.fromEntries(described.map(([module]) => [module, [...(actual.get(module) ?? [])].sort()])));
  });
});

describe('function length', () => {
  const spans = files.flatMap(functionsOf);

  test(`no function in src/ is longer than ${maxLines} lines`, () => {
    expect(spans.length).toBeGreaterThan(1000);
    const long = spans.filter((s) => s.lines > maxLines).map((s) => `${s.file} ${s.name}: ${s.lines} lines`);
    expect(long).toEqual([]);
  });
});

/** Each cycle as the path that closes it, found by depth-first search. */
function cycles(graph: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const found: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const walk = (node: string, path: string[]): void => {
    state.set(node, 'open');
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') found.push([...path.slice(path.indexOf(next)), next].join(' -> '));
      else if (!state.has(next)) walk(next, [...path, next]);
    }
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) walk(node, [node]);
  return found;
}
