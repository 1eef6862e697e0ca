import { InvalidArgumentError } from 'commander';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import type { TargetName } from '../model/types.js';
import type { Target } from '../targets/target.js';

/** `-t systemd,compose` → ['systemd', 'compose'], each a registered target. */
export const targetsParser = (targets: readonly Target[]) => (value: string): TargetName[] => parseTargets(value, targets.map((t) => t.name));

function parseTargets(value: string, known: readonly TargetName[]): TargetName[] {
  const names = value.split(',').map((name) => name.trim()).filter(Boolean);
  for (const name of names) {
    if (!known.includes(name)) {
      const hint = didYouMean(name, known);
      throw new InvalidArgumentError(`unknown target \`${name}\` (targets: ${known.join(', ') || 'none'})${hint ? `; ${hint}` : ''}`);
    }
  }
  return names;
}
