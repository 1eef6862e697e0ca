/**
 * The kubelet expands `$(VAR)` in env values, command, args and exec probes, and reads `$$` as `$`:
 * a literal `$` is written `$$`. Lifecycle hooks, paths and probe fields are taken as they are.
 */
export function literal(text: string): string {
  return text.replace(/\$/g, '$$$$');
}
