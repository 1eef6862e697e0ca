/**
 * The Docker volume a named volume of the spec becomes: `<project>_<volume>`, as Compose names it,
 * so every target of one project shares the data and two projects never share a volume.
 */
export function projectVolumeName(project: string, volume: string): string {
  return `${project}_${volume}`;
}
