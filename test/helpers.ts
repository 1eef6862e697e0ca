import { compileText } from '../src/pipeline/compile.js';
import { type TargetName } from '../src/model/types.js';
import { targetNames } from '../src/targets/all.js';
import { renderDiagnostics } from '../src/spec/render.js';

/** The diagnostics of a spec as the CLI prints them, without colour. */
export function diagnose(yaml: string, targets: readonly TargetName[] = targetNames): string[] {
  const compiled = compileText('orchgen.yaml', yaml, targets);
  const text = renderDiagnostics(compiled.diagnostics, {
    file: 'orchgen.yaml',
    color: false,
    ...(compiled.parsed ? { positions: compiled.parsed.positions } : {}),
  });
  return text.split('\n').filter(Boolean);
}

/** A spec from lines, so tests can count lines and columns. */
export function spec(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

export function modelOf(yaml: string, targets: readonly TargetName[] = targetNames) {
  const compiled = compileText('orchgen.yaml', yaml, targets);
  if (!compiled.model) throw new Error(`spec has errors:\n${diagnose(yaml, targets).join('\n')}`);
  return compiled;
}
