// Summarizes a V8 .cpuprofile (node --cpu-prof): self time per function and per module.
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

function moduleOf(url, root) {
  if (!url) return null;
  if (url.startsWith('node:')) return 'node internals';
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  const nm = path.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = path.slice(nm + '/node_modules/'.length).split('/');
    return `${rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]} (dependency)`;
  }
  if (path.startsWith(root)) return relative(root, path);
  return path;
}

/** Top `k` functions and modules by self time. */
export function profileTop(profile, root, k = 5) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const { samples = [], timeDeltas = [] } = profile;
  for (let i = 0; i < samples.length; i++) self.set(samples[i], (self.get(samples[i]) ?? 0) + (timeDeltas[i] ?? 0) / 1000);
  const fns = new Map();
  const mods = new Map();
  let total = 0;
  for (const [id, ms] of self) {
    const { callFrame: f } = byId.get(id);
    if (f.functionName === '(idle)') continue;
    total += ms;
    const mod = moduleOf(f.url, root);
    const name = f.functionName || '(anonymous)';
    const where = mod ? `${mod}:${f.lineNumber + 1}` : 'V8/runtime';
    const key = `${name}@${where}`;
    const e = fns.get(key) ?? { name, where, ms: 0 };
    e.ms += ms;
    fns.set(key, e);
    const m = mod ?? name;
    mods.set(m, (mods.get(m) ?? 0) + ms);
  }
  const pct = (ms) => +((100 * ms) / total).toFixed(1);
  const top = (arr) => arr.sort((a, b) => b.ms - a.ms).slice(0, k).map((e) => ({ ...e, ms: +e.ms.toFixed(1), pct: pct(e.ms) }));
  return {
    totalMs: +total.toFixed(1),
    functions: top([...fns.values()]),
    modules: top([...mods].map(([name, ms]) => ({ name, ms }))),
  };
}
