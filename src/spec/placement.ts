/** What the placement of services needs to know of a target: every target runs an `image`; some also run a `command` on the host. */
export interface Runner {
  name: string;
  runsHostProcesses: boolean;
}

export interface Runnable {
  image?: string;
  command?: unknown;
}

/** Containers run everywhere (pm2 and supervisord through the engine); host processes only where there is a host. */
export function runnableTargets(service: Runnable, runners: readonly Runner[]): string[] {
  if (service.image !== undefined) return runners.map((r) => r.name);
  if (service.command !== undefined) return runners.filter((r) => r.runsHostProcesses).map((r) => r.name);
  return [];
}

export function whyNotRunnable(service: Runnable, target: string): string {
  if (service.image === undefined && service.command === undefined) return 'it has neither `image` nor `command`';
  return `${target} runs containers only and it has no \`image\``;
}

/** Where a service goes among the selected targets: its own `targets`, or every one that can run it (in the registry's order). */
export function placedTargets(service: Runnable & { targets?: readonly string[] }, selected: readonly string[], runners: readonly Runner[]): string[] {
  const runnable = runnableTargets(service, runners);
  const wanted = service.targets ?? runnable;
  return runnable.filter((t) => selected.includes(t) && wanted.includes(t));
}
