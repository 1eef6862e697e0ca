import type { Note, Path } from '../document.js';
import { namedVolumeOf } from '../../spec/raw.js';
import { code } from './context.js';

/** What the import says once when the spec has relative paths: systemd places them only with `project_dir`. */
export interface RelativePathsNotice {
  message: string;
  /** The first Compose key with one. */
  path: Path;
  note: Note;
}

/** `services` as converted, by orchgen name; `sources` maps each orchgen name back to the Compose one. */
export function relativePathsNotice(services: Record<string, Record<string, unknown>>, sources: ReadonlyMap<string, string>, project: string): RelativePathsNotice | undefined {
  const found: Array<{ service: string; key: string }> = [];
  for (const [name, service] of Object.entries(services)) {
    const mounts = Array.isArray(service.volumes) ? (service.volumes as unknown[]) : [];
    if (mounts.some((mount) => typeof mount === 'string' && isRelativeBind(mount))) found.push({ service: name, key: 'volumes' });
    const files = service.env_file === undefined ? [] : [service.env_file].flat();
    if (files.some((file) => typeof file === 'string' && isRelative(file))) found.push({ service: name, key: 'env_file' });
  }
  if (found.length === 0) return undefined;
  const keys = [...new Set(found.map((f) => f.key))];
  const which = keys.map((key) => `${key} of ${found.filter((f) => f.key === key).map((f) => code(f.service)).join(', ')}`).join('; ');
  const example = `project_dir: /srv/${project}`;
  const first = found[0]!;
  return {
    message: `relative paths (${which}) are found from the orchgen.yaml's folder by Compose, PM2 and supervisord; systemd places them only when \`project_dir\` says where they are when the stack runs (e.g. \`${example}\`)${keys.includes('volumes') ? ', and Kubernetes mounts an empty folder for a relative volume without it' : ''}`,
    path: ['services', sources.get(first.service) ?? first.service, first.key],
    note: { path: ['project'], text: `the relative paths below need \`project_dir\` (the folder they are in where the stack runs, e.g. \`${example}\`) for systemd` },
  };
}

function isRelativeBind(mount: string): boolean {
  return namedVolumeOf(mount) === undefined && isRelative(mount.split(':')[0]!);
}

function isRelative(path: string): boolean {
  return !path.startsWith('/') && !path.startsWith('~');
}
