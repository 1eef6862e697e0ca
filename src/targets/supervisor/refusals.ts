import type { Service } from '../../model/types.js';
import { diagnostic, type Diagnostic, type SpecPath } from '../../diagnostics/diagnostic.js';
import { containerKeyProblems } from '../shared/exact.js';
import { envValueProblem, nativeValueProblem, valueProblem } from './carry.js';
import { nativeText } from './native.js';

/** Where the values of a service (or of one of its fallback variants) are written in the spec. */
export interface Origin {
  service: Service;
  fallback?: { index: number; name: string; main: Service };
}

/** E301 for every value of the service supervisord cannot carry exactly. */
export function refusals(origin: Origin): Diagnostic[] {
  const { service } = origin;
  const out: Diagnostic[] = [];
  const refuse = (problem: string | undefined, what: string, path: SpecPath) => {
    if (problem === undefined) return;
    const variant = origin.fallback ? ` (fallback \`${origin.fallback.name}\`)` : '';
    out.push(diagnostic('E301', `service \`${service.name}\`${variant}, ${what}: supervisord cannot carry ${problem}`, { path }));
  };
  for (const [key, value] of service.env) refuse(envValueProblem(value), `env \`${key}\``, envPath(origin, key, value));
  const command = service.command;
  if (command?.kind === 'exec') command.argv.forEach((arg, i) => refuse(valueProblem(arg), `\`command\` argument ${i}`, keyPath(origin, 'command', i)));
  if (command?.kind === 'shell') refuse(valueProblem(command.script), '`command`', keyPath(origin, 'command'));
  if (service.image !== undefined) refuse(valueProblem(service.image), '`image`', keyPath(origin, 'image'));
  if (service.workdir !== undefined) refuse(valueProblem(service.workdir), '`workdir`', keyPath(origin, 'workdir'));
  for (const { what, reason, relative } of containerKeyProblems(service, valueProblem)) refuse(reason, what, keyPath(origin, ...relative));
  for (const file of service.envFiles) refuse(valueProblem(file), `\`env_file\` ${file}`, keyPath(origin, 'env_file'));
  service.volumes.forEach((volume, i) => refuse(valueProblem(volume.source), `\`volumes\` entry ${i}`, keyPath(origin, 'volumes', i)));
  for (const [key, value] of Object.entries(service.native.supervisor ?? {})) {
    refuse(nativeValueProblem(nativeText(value as string)), `\`native.supervisor.${key}\``, keyPath(origin, 'native', 'supervisor', key));
  }
  return out;
}

function keyPath(origin: Origin, key: string, ...rest: Array<string | number>): SpecPath {
  const { service, fallback } = origin;
  const changed = fallback?.main.fallbacks[fallback.index]?.changes.includes(key);
  return changed ? ['services', service.name, 'fallbacks', fallback!.index, 'set', key, ...rest] : ['services', service.name, key, ...rest];
}

/** A variant's env value is its own when it differs from the main service's. */
function envPath(origin: Origin, key: string, value: string): SpecPath {
  const main = origin.fallback?.main.env.find(([k]) => k === key);
  if (origin.fallback && main?.[1] !== value) return ['services', origin.service.name, 'fallbacks', origin.fallback.index, 'set', 'env', key];
  return ['services', origin.service.name, 'env', key];
}
