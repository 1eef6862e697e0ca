import type { Service } from '../../model/types.js';
import { diagnostic, type Diagnostic, type SpecPath } from '../../diagnostics/diagnostic.js';
import { containerKeyProblems, uncarriable as whyNotCarriable } from '../shared/exact.js';
import type { Launch } from './launch.js';
import { dockerCliKeys, pm2OwnKeys, shellOwnKeys } from './reserved.js';

/** E301 for every env value and argument PM2 cannot hand to the process byte for byte. */
export function exactnessErrors(service: Service, env: ReadonlyArray<[string, string]>, how: Launch, where: SpecPath): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [key, value] of env) {
    const reason = envReason(service, how, key, value);
    if (reason) out.push(diagnostic('E301', `\`${service.name}\`: env \`${key}\` cannot reach the process exactly on pm2: ${reason}`, { path: [...where, 'env', key] }));
  }
  const fromOutside = [['required', 'env_required', service.envRequired], ['optional', 'env_optional', service.envOptional]] as const;
  for (const [label, field, keys] of fromOutside) {
    for (const key of keys) {
      const reason = envReason(service, how, key, '');
      if (reason) out.push(diagnostic('E301', `\`${service.name}\`: ${label} env \`${key}\` cannot reach the process exactly on pm2: ${reason}`, { path: [...where, field] }));
    }
  }
  for (const { key } of service.secrets) {
    const reason = envReason(service, how, key, '');
    if (reason) out.push(diagnostic('E301', `\`${service.name}\`: secret \`${key}\` cannot reach the process exactly on pm2: ${reason}`, { path: [...where, 'env', key] }));
  }
  const command = service.command;
  if (command?.kind === 'shell' && !carriable(command.script)) {
    out.push(diagnostic('E301', `\`${service.name}\`: \`command\` cannot reach the process exactly on pm2: ${uncarriable}`, { path: [...where, 'command'] }));
  }
  if (command?.kind === 'exec') {
    command.argv.forEach((arg, index) => {
      if (!carriable(arg)) out.push(diagnostic('E301', `\`${service.name}\`: argument ${index} of \`command\` cannot reach the process exactly on pm2: ${uncarriable}`, { path: [...where, 'command', index] }));
    });
  }
  for (const { what, reason, relative } of containerKeyProblems(service, (text) => (carriable(text) ? undefined : uncarriable))) {
    out.push(diagnostic('E301', `\`${service.name}\`: ${what} cannot reach the container exactly on pm2: ${reason}`, { path: [...where, ...relative] }));
  }
  return out;
}

const uncarriable = 'a NUL character or a lone UTF-16 surrogate cannot be passed to a process';

function envReason(service: Service, how: Launch, key: string, value: string): string | undefined {
  if (!carriable(value)) return uncarriable;
  if (key === '__proto__') return 'a JavaScript object literal cannot hold that key';
  if (pm2OwnKeys.has(key)) return `PM2 uses that name for the app's own settings and bookkeeping`;
  if (how.viaShell && shellOwnKeys.has(key)) return 'the app runs through /bin/sh, which sets that variable itself';
  if (service.kind === 'container' && (dockerCliKeys.has(key) || key.startsWith('DOCKER_'))) {
    return 'the value goes to the container through the docker CLI, which would use it itself';
  }
  if (service.kind === 'process' && service.user !== undefined && key === 'HOME') return 'PM2 sets HOME to the home of `user`';
  return undefined;
}

/** No process can receive NUL, and a lone surrogate has no UTF-8 form. */
function carriable(text: string): boolean {
  return whyNotCarriable(text) === undefined;
}
