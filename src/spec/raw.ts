import type { OrchgenSpec, Service as RawService } from './spec.generated.js';
import type { SpecPath } from '../diagnostics/diagnostic.js';

export type { OrchgenSpec, RawService };

export interface RawDependency {
  name: string;
  condition?: 'started' | 'healthy' | 'completed';
  required?: boolean;
  path: SpecPath;
}

export function serviceEntries(spec: OrchgenSpec): Array<[string, RawService]> {
  return Object.entries(spec.services);
}

/** Both forms of depends_on, each entry with the path of what declares it. */
export function rawDependencies(name: string, service: RawService): RawDependency[] {
  const base = ['services', name, 'depends_on'];
  const dependsOn = service.depends_on;
  if (dependsOn === undefined) return [];
  if (Array.isArray(dependsOn)) return dependsOn.map((dep, index) => ({ name: dep, path: [...base, index] }));
  return Object.entries(dependsOn).map(([dep, value]) => {
    const path = [...base, dep];
    if (typeof value === 'string') return { name: dep, condition: value, path };
    return { name: dep, path, ...(value.condition ? { condition: value.condition } : {}), ...(value.required !== undefined ? { required: value.required } : {}) };
  });
}

/** A service and each of its fallback variants' `set`, with their paths: the places service keys appear. */
export function serviceShapes(name: string, service: RawService): Array<{ path: SpecPath; value: RawService }> {
  const shapes = [{ path: ['services', name] as SpecPath, value: service }];
  (service.fallbacks ?? []).forEach((fallback, index) => shapes.push({ path: ['services', name, 'fallbacks', index, 'set'], value: fallback.set }));
  return shapes;
}

/** The named volume a `SOURCE:TARGET[:MODE]` mount uses, or undefined for a bind mount (a source with a slash or starting with a dot). */
export function namedVolumeOf(mount: string): string | undefined {
  const source = mount.split(':')[0]!;
  return source.includes('/') || source.startsWith('.') ? undefined : source;
}
