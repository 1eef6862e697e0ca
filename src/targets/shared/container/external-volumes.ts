import type { Service } from '../../../model/types.js';
import { externalVolumeNames } from '../volume-name.js';

/**
 * `sh` text that ends the start with status 1 while one of these volumes is missing, as Compose
 * refuses to start without an external volume: `docker run` would make a new, empty one. The names
 * need no quoting: the schema allows letters, digits, `_`, `.` and `-` only.
 */
export function externalVolumeCheck(engine: string, names: readonly string[]): string {
  if (names.length === 0) return '';
  const missing = `echo "external volume $volume does not exist: the stack never makes it; create or restore it first (${engine} volume create $volume)" >&2; exit 1;`;
  return `for volume in ${names.join(' ')}; do ${engine} volume inspect "$volume" >/dev/null 2>&1 || { ${missing} }; done; `;
}

/** The header note of a target whose containers check their external volumes, naming them and who mounts them. */
export function externalVolumeNotes(project: string, services: readonly Service[]): string[] {
  const users = new Map<string, string[]>();
  for (const service of services.flatMap((s) => [s, ...s.fallbacks.map((f) => f.service)])) {
    for (const name of externalVolumeNames(project, service)) {
      const list = users.get(name) ?? [];
      if (!list.includes(service.name)) users.set(name, [...list, service.name]);
    }
  }
  if (users.size === 0) return [];
  const listed = [...users].map(([name, names]) => `${name} (${names.join(', ')})`).join(', ');
  return [`External volumes are mounted as they are and never made or removed: a container does not start while one is missing (docker run would make it new and empty): ${listed}.`];
}
