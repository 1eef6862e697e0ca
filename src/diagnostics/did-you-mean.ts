/** Names users reach for from other tools, mapped to the orchgen key. */
const aliases: Record<string, string> = {
  healthcheck: 'health',
  health_check: 'health',
  environment: 'env',
  env_vars: 'env',
  dependencies: 'depends_on',
  depends: 'depends_on',
  requires: 'depends_on',
  working_dir: 'workdir',
  working_directory: 'workdir',
  cwd: 'workdir',
  directory: 'workdir',
  restart_policy: 'restart',
  autorestart: 'restart',
  stop_signal: 'stop',
  stop_grace_period: 'stop',
  gpus: 'gpu',
  deploy: 'resources',
  limits: 'resources',
  args: 'command',
  script: 'command',
  cmd: 'command',
  entrypoint: 'command',
  optional: 'essential',
  required: 'essential',
  env_files: 'env_file',
  ports_mapping: 'ports',
  mounts: 'volumes',
  fallback: 'fallbacks',
  name: 'project',
};

export function levenshtein(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j]!;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      previous[j] = Math.min(above + 1, previous[j - 1]! + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return previous[b.length]!;
}

/**
 * The candidate closest to `word`, when it is close enough to be a likely typo: of the candidates
 * themselves, or of the names from other tools that stand for one (`enviroment` → `env`).
 */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  const alias = aliases[lower];
  if (alias !== undefined && candidates.includes(alias)) return alias;
  const spellings: Array<[spelled: string, meant: string]> = candidates.map((candidate) => [candidate, candidate]);
  for (const [spelled, meant] of Object.entries(aliases)) if (candidates.includes(meant)) spellings.push([spelled, meant]);
  const limit = Math.max(2, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const [spelled, meant] of spellings) {
    const distance = levenshtein(lower, spelled.toLowerCase());
    if (distance < bestDistance) {
      best = meant;
      bestDistance = distance;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const match = nearest(word, candidates);
  return match === undefined ? undefined : `did you mean \`${match}\`?`;
}
