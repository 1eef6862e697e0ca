import { InvalidArgumentError } from 'commander';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import { registeredTargetNames } from '../targets/all.js';
import type { TargetName } from '../model/types.js';

/** `-t systemd,compose` → ['systemd', 'compose'], each a registered target. */
export function parseTargets(value: string): TargetName[] {
  const known = registeredTargetNames();
  const names = value.split(',').map((name) => name.trim()).filter(Boolean);
  for (const name of names) {
    if (!known.includes(name as TargetName)) {
      const hint = didYouMean(name, known);
      throw new InvalidArgumentError(`unknown target \`${name}\` (targets: ${known.join(', ') || 'none'})${hint ? `; ${hint}` : ''}`);
    }
  }
  return names as TargetName[];
}
