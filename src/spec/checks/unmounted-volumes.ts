import { diagnostic, type Diagnostic, type SpecPath } from '../../diagnostics/diagnostic.js';
import { didYouMean } from '../../diagnostics/did-you-mean.js';
import { namedVolumeOf, serviceEntries, serviceShapes, type OrchgenSpec } from '../raw.js';
import type { Check } from './context.js';

/**
 * The top-level `volumes` and `targets.k8s.volume_sizes` name only named volumes that a service or
 * a fallback mounts: a misspelt name would leave the mounted volume the project's own, new and empty.
 */
export const checkUnmountedVolumes: Check = ({ spec }) => {
  const mounted = mountedVolumes(spec);
  return [
    ...unmounted(Object.keys(spec.volumes ?? {}), mounted, ['volumes'], (volume) => `\`volumes\` declares \`${volume}\`, which no service mounts as a named volume`),
    ...unmounted(Object.keys(spec.targets?.k8s?.volume_sizes ?? {}), mounted, ['targets', 'k8s', 'volume_sizes'], (volume) => `\`targets.k8s.volume_sizes\` sizes \`${volume}\`, which no service mounts as a named volume`),
  ];
};

function mountedVolumes(spec: OrchgenSpec): string[] {
  const names = serviceEntries(spec).flatMap(([name, service]) => serviceShapes(name, service).flatMap(({ value }) => (value.volumes ?? []).map(namedVolumeOf)));
  return [...new Set(names.filter((n): n is string => n !== undefined))];
}

function unmounted(volumes: readonly string[], mounted: readonly string[], at: SpecPath, message: (volume: string) => string): Diagnostic[] {
  return volumes
    .filter((volume) => !mounted.includes(volume))
    .map((volume) => {
      const hint = didYouMean(volume, mounted) ?? (mounted.length === 0 ? 'no service mounts a named volume' : `the named volumes are ${mounted.map((n) => `\`${n}\``).join(', ')}`);
      return diagnostic('E214', message(volume), { path: [...at, volume], hint });
    });
}
