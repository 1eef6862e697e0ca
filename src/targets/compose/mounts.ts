import { posix } from 'node:path';
import type { Port, Volume } from '../../model/types.js';

/** A path from the spec, relative to the Compose file's folder (Compose wants `./` or `../` first). */
export function fromSpecFolder(path: string, sourceDir: string): string {
  if (path.startsWith('/') || path.startsWith('~')) return path;
  const joined = posix.normalize(posix.join(sourceDir, path));
  return joined === '..' || joined.startsWith('../') ? joined : `./${joined}`;
}

/** `[IP:]HOST:CONTAINER[/udp]` */
export function portText(port: Port): string {
  const ip = port.hostIp !== undefined ? `${port.hostIp}:` : '';
  return `${ip}${port.host}:${port.container}${port.protocol === 'udp' ? '/udp' : ''}`;
}

/** `SOURCE:TARGET[:ro]`, a bind source relative to the Compose file. */
export function volumeText(volume: Volume, sourceDir: string): string {
  const source = volume.kind === 'bind' ? fromSpecFolder(volume.source, sourceDir) : volume.source;
  return `${source}:${volume.target}${volume.readOnly ? ':ro' : ''}`;
}

/** The mount point of a volume string, which Compose merges volumes by. */
export function volumeTarget(text: string): string {
  return text.split(':')[1] ?? text;
}
