import type { Model, TargetName } from '../model/types.js';
import { targetServices } from '../runtime/services.js';
import { didYouMean } from '../diagnostics/did-you-mean.js';

/** What to tell the user when `name` is not a service of the target (with the nearest name); undefined when it is one. */
export function unknownService(model: Model, target: TargetName, name: string, file: string): string | undefined {
  const onTarget = targetServices(model, target);
  if (onTarget.some((s) => s.name === name)) return undefined;
  if (model.services.some((s) => s.name === name)) return `error: service \`${name}\` does not run on ${target} (see its \`targets\`)\n`;
  const names = onTarget.map((s) => s.name);
  const hint = didYouMean(name, names) ?? `the services on ${target}: ${names.join(', ')}`;
  return `error: no service \`${name}\` in ${file}\n  hint: ${hint}\n`;
}
