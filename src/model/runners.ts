import { targetNames, type TargetName } from './types.js';

const processTargets: readonly TargetName[] = ['systemd', 'pm2', 'supervisor'];

/** Containers run everywhere (pm2 and supervisord through the engine); host processes only where there is a host. */
export function runnableTargets(service: { image?: string; command?: unknown }): readonly TargetName[] {
  if (service.image !== undefined) return targetNames;
  if (service.command !== undefined) return processTargets;
  return [];
}

export function whyNotRunnable(service: { image?: string; command?: unknown }, target: TargetName): string {
  if (service.image === undefined && service.command === undefined) return 'it has neither `image` nor `command`';
  return `${target} runs containers only and it has no \`image\``;
}

/** Where a service goes among the selected targets: its own `targets`, or every one that can run it. */
export function placedTargets(service: { image?: string; command?: unknown; targets?: readonly TargetName[] }, selected: readonly TargetName[]): TargetName[] {
  const runnable = runnableTargets(service);
  const wanted = service.targets ?? runnable;
  return targetNames.filter((t) => selected.includes(t) && wanted.includes(t) && runnable.includes(t));
}
