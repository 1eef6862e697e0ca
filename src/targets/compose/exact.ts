import { isDeepStrictEqual } from 'node:util';
import type { Command, Service } from '../../model/types.js';
import { diagnostic, type SpecPath } from '../../spec/diagnostic.js';
import { uncarriable } from './escape.js';
import type { Finding } from './finding.js';

/**
 * E301 for every value that would not reach the container byte for byte. With `base`, values equal
 * to the base service's are skipped (a fallback reports only what it sets).
 */
export function exactFindings(service: Service, at: SpecPath, base?: Service): Finding[] {
  const out: Finding[] = [];
  const refuse = (what: string, text: string, path: SpecPath) => {
    const reason = uncarriable(text);
    if (reason) out.push({ diagnostic: diagnostic('E301', `compose cannot carry ${what} of \`${service.name}\` exactly: ${reason}`, { path: [...at, ...path] }) });
  };
  const baseEnv = new Map(base?.env ?? []);
  for (const [key, value] of service.env) if (!base || baseEnv.get(key) !== value) refuse(`env \`${key}\``, value, ['env', key]);
  if (service.command && !(base && isDeepStrictEqual(base.command, service.command))) commandTexts(service.command).forEach(([text, path]) => refuse('`command`', text, ['command', ...path]));
  const check = service.health?.check;
  if (check?.kind === 'exec' && !(base && isDeepStrictEqual(base.health?.check, check))) {
    commandTexts(check.command).forEach(([text, path]) => refuse('`health.exec`', text, ['health', 'exec', ...path]));
  }
  if (service.workdir !== undefined && service.workdir !== base?.workdir) refuse('`workdir`', service.workdir, ['workdir']);
  return out;
}

function commandTexts(command: Command): Array<[string, SpecPath]> {
  return command.kind === 'exec' ? command.argv.map((arg, i) => [arg, [i]]) : [[command.script, []]];
}
