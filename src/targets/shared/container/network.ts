import type { Service } from '../../../model/types.js';

/** The network a container joins when its service sets no `network`: Compose's default network of the project. */
export function projectNetworkName(project: string): string {
  return `${project}_default`;
}

/** Whether the service's container joins the project network: a container that sets no `network` of its own. */
export function onProjectNetwork(service: Service): boolean {
  return service.kind === 'container' && service.network === undefined;
}

/** Whether any container of these services (or of their fallback variants) joins the project network. */
export function usesProjectNetwork(services: readonly Service[]): boolean {
  return services.some((s) => [s, ...s.fallbacks.map((f) => f.service)].some(onProjectNetwork));
}

/**
 * Compose's labels on its default network: with them `docker compose up` of the same project takes the
 * network as its own, and `docker compose down` removes it.
 */
export function projectNetworkLabels(project: string): string[] {
  return ['com.docker.compose.network=default', `com.docker.compose.project=${project}`];
}

/** `--label K=V ...`: the options of `network create` that make the project network Compose's. */
export function networkLabelArgs(project: string): string[] {
  return projectNetworkLabels(project).flatMap((label) => ['--label', label]);
}

/** The service's own network, or the project network where others resolve it by its service name. */
export function networkArgs(project: string, service: Service): string[] {
  if (service.network !== undefined) return ['--network', service.network];
  return ['--network', projectNetworkName(project), '--network-alias', service.name];
}

/**
 * The header note of a target whose container wrapper makes the project network (PM2, supervisord):
 * which containers join it, how it comes and goes.
 */
export function wrapperNetworkNotes(project: string, services: readonly Service[]): string[] {
  const joining = [...new Set(services.filter((s) => [s, ...s.fallbacks.map((f) => f.service)].some(onProjectNetwork)).map((s) => s.name))];
  if (joining.length === 0) return [];
  const network = projectNetworkName(project);
  return [
    `Containers that set no network join ${network} with their service name as alias, so they reach each other by name, as under Compose: ${joining.join(', ')}. ` +
      "The wrapper creates the network with Compose's labels when it is missing (under flock) and tries to remove it once its container ended, so the last one out removes it.",
  ];
}
