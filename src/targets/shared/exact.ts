import { isDeepStrictEqual } from 'node:util';
import type { Command, Service } from '../../model/types.js';
import { diagnostic, type Diagnostic, type SpecPath } from '../../diagnostics/diagnostic.js';
import { hasLoneSurrogate } from './well-formed.js';

/**
 * Why a value cannot reach a container byte for byte, or undefined when it can: argv and environment
 * strings end at a NUL, and a lone UTF-16 surrogate has no UTF-8 form.
 */
export function uncarriable(text: string): string | undefined {
  if (text.includes('\0')) return 'it contains a NUL character';
  if (hasLoneSurrogate(text)) return 'it contains a lone UTF-16 surrogate';
  return undefined;
}

type Relative = [string, ...Array<string | number>];

/**
 * E301 for every value of a container service that would not reach it byte for byte. With `base`,
 * values equal to the base service's are skipped (a fallback reports only what it sets).
 */
export function containerValueRefusals(target: string, service: Service, pathOf: (relative: Relative) => SpecPath, base?: Service): Diagnostic[] {
  const out: Diagnostic[] = [];
  const refuse = (what: string, text: string, relative: Relative) => {
    const reason = uncarriable(text);
    if (reason) out.push(diagnostic('E301', `${target} cannot carry ${what} of \`${service.name}\` exactly: ${reason}`, { path: pathOf(relative) }));
  };
  const baseEnv = new Map(base?.env ?? []);
  for (const [key, value] of service.env) if (!base || baseEnv.get(key) !== value) refuse(`env \`${key}\``, value, ['env', key]);
  if (service.command && !(base && isDeepStrictEqual(base.command, service.command))) commandTexts(service.command).forEach(([text, path]) => refuse('`command`', text, ['command', ...path]));
  const check = service.health?.check;
  if (check?.kind === 'exec' && !(base && isDeepStrictEqual(base.health?.check, check))) {
    commandTexts(check.command).forEach(([text, path]) => refuse('`health.exec`', text, ['health', 'exec', ...path]));
  }
  if (service.workdir !== undefined && service.workdir !== base?.workdir) refuse('`workdir`', service.workdir, ['workdir']);
  for (const problem of containerKeyProblems(service, uncarriable, base)) {
    out.push(diagnostic('E301', `${target} cannot carry ${problem.what} of \`${service.name}\` exactly: ${problem.reason}`, { path: pathOf(problem.relative) }));
  }
  return out;
}

/** A value of a container-only key a target cannot say: what it is, why, and where under the service. */
export interface KeyProblem {
  what: string;
  reason: string;
  relative: Relative;
}

/**
 * The entrypoint's words and the log options' values a target cannot say, by the target's own
 * `why`. An empty program is refused on every target: `docker run --entrypoint ""` resets the
 * entrypoint to none rather than naming a program. With `base`, values equal to its own are skipped.
 */
export function containerKeyProblems(service: Service, why: (text: string) => string | undefined, base?: Service): KeyProblem[] {
  const out: KeyProblem[] = [];
  const { entrypoint, logging } = service;
  if (entrypoint && !(base && isDeepStrictEqual(base.entrypoint, entrypoint))) {
    if (entrypoint.kind === 'exec' && entrypoint.argv[0] === '') out.push({ what: '`entrypoint`', reason: 'an empty program, which `docker run --entrypoint ""` reads as no entrypoint at all', relative: ['entrypoint', 0] });
    for (const [text, path] of commandTexts(entrypoint)) {
      const reason = why(text);
      if (reason) out.push({ what: '`entrypoint`', reason, relative: ['entrypoint', ...path] });
    }
  }
  const baseOptions = new Map(base?.logging?.options ?? []);
  for (const [key, value] of logging?.options ?? []) {
    const reason = baseOptions.get(key) === value ? undefined : why(value);
    if (reason) out.push({ what: `log option \`${key}\``, reason, relative: ['logging', 'options', key] });
  }
  return out;
}

function commandTexts(command: Command): Array<[string, Array<string | number>]> {
  return command.kind === 'exec' ? command.argv.map((arg, i) => [arg, [i]]) : [[command.script, []]];
}
