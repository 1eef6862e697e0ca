import { diagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { didYouMean } from '../../diagnostics/did-you-mean.js';
import { namedVolumeOf, serviceEntries, serviceShapes } from '../raw.js';
import type { Check } from './context.js';

/** `targets.k8s.volume_sizes` names only named volumes that a service or a fallback mounts. */
export const checkVolumeSizes: Check = ({ spec }) => {
  const sizes = spec.targets?.k8s?.volume_sizes;
  if (sizes === undefined) return [];
  const mounted = new Set(serviceEntries(spec).flatMap(([name, service]) => serviceShapes(name, service).flatMap(({ value }) => (value.volumes ?? []).map(namedVolumeOf))));
  mounted.delete(undefined);
  const names = [...mounted] as string[];
  const out: Diagnostic[] = [];
  for (const volume of Object.keys(sizes)) {
    if (mounted.has(volume)) continue;
    const hint = didYouMean(volume, names) ?? (names.length === 0 ? 'no service mounts a named volume' : `the named volumes are ${names.map((n) => `\`${n}\``).join(', ')}`);
    out.push(diagnostic('E214', `\`targets.k8s.volume_sizes\` sizes \`${volume}\`, which no service mounts as a named volume`, { path: ['targets', 'k8s', 'volume_sizes', volume], hint }));
  }
  return out;
};
