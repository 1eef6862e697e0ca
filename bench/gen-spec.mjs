// Generates a realistic orchgen.yaml with N services arranged in dependency waves.
// Usage as a module: generateSpec(n) -> YAML text; or `node bench/gen-spec.mjs N > orchgen.yaml`.

const IMAGES = [
  'postgres:16', 'redis:7.2-alpine', 'ghcr.io/acme/api:2.4.1', 'ghcr.io/acme/worker:2.4.1',
  'nginx:1.27-alpine', 'ollama/ollama:0.5.7', 'ghcr.io/acme/search:1.9.0', 'ghcr.io/acme/web:3.0.2',
];
const KINDS = ['api', 'worker', 'store', 'cache', 'gateway', 'indexer', 'scheduler', 'web'];
const PORT_BASE = 20000;

/** Services per wave: the stack has about log2(N)+2 waves, never more than N. */
export function waveLayout(n) {
  const waves = Math.min(n, Math.max(3, Math.round(Math.log2(n)) + 2));
  const size = Math.ceil(n / waves);
  return { waves, size };
}

function isContainer(i, opts) {
  return !opts.processesOnly && i % 5 < 3;
}

export function serviceName(i) {
  return `${KINDS[i % KINDS.length]}-${String(i).padStart(5, '0')}`;
}

/**
 * @param {number} n services
 * @param {{ processesOnly?: boolean }} opts processesOnly: host processes only (for the foreman comparison)
 */
export function generateSpec(n, opts = {}) {
  const { size } = waveLayout(n);
  const out = [];
  out.push('version: 1', `project: bench${n}`, 'defaults:',
    '  restart: { policy: on-failure, delay: 2s, max_attempts: 5 }',
    '  stop: { signal: SIGTERM, timeout: 20s }',
    '  health: { interval: 5s, timeout: 3s, retries: 5 }',
    'services:');
  for (let i = 0; i < n; i++) {
    const name = serviceName(i);
    const wave = Math.floor(i / size);
    const port = PORT_BASE + i;
    const container = isContainer(i, opts);
    out.push(`  ${name}:`);
    out.push(`    description: ${KINDS[i % KINDS.length]} ${i}`);
    if (container) {
      out.push(`    image: ${IMAGES[i % IMAGES.length]}`);
      out.push(`    command: [serve, --port, "8080", --workers, "${1 + (i % 4)}"]`);
      out.push(`    ports: ["${port}:8080"]`);
      if (i % 7 === 0) out.push(`    volumes: ["data-${i}:/var/lib/data"]`);
      if (i % 4 === 0) out.push(`    resources: { memory: ${256 * (1 + (i % 4))}M, cpus: ${1 + (i % 2)} }`);
    } else {
      out.push(`    command: [/opt/acme/bin/${KINDS[i % KINDS.length]}, --port, "${port}", --name, ${name}, --config, /etc/acme/${i}.toml]`);
    }
    out.push('    env:');
    out.push(`      SERVICE_NAME: ${name}`);
    out.push(`      PORT: "${container ? 8080 : port}"`);
    out.push('      LOG_LEVEL: info');
    out.push(`      DB_URL: postgres://db:5432/db${i % 10}`);
    if (i % 3 === 0) out.push(`      FEATURE_FLAGS: "alpha,beta,gamma-${i}"`);
    // Health: http for most, tcp or exec for the rest.
    if (i % 6 === 5) out.push('    health:', `      tcp: 127.0.0.1:${port}`);
    else if (i % 6 === 4 && !container) out.push('    health:', `      exec: [/opt/acme/bin/healthcheck, --port, "${port}"]`);
    else out.push('    health:', `      http: http://127.0.0.1:${port}/health`, `      start_period: ${5 + (i % 4) * 5}s`);
    // Dependencies: 1-3 services of the previous wave.
    if (wave > 0) {
      // A container may depend only on containers (Compose and Kubernetes carry no host processes).
      const prev = [];
      for (let j = (wave - 1) * size; j < wave * size; j++) if (!container || isContainer(j, opts)) prev.push(j);
      const deps = new Set();
      const count = 1 + (i % 3);
      for (let k = 0; k < count; k++) deps.add(serviceName(prev[(i * 7 + k * 13) % prev.length]));
      out.push(`    depends_on: [${[...deps].join(', ')}]`);
    }
    if (i % 11 === 0) out.push('    essential: false');
  }
  return `${out.join('\n')}\n`;
}

/** A Procfile with the same N host processes as generateSpec(n, { processesOnly: true }). */
export function generateProcfile(n) {
  const lines = [];
  for (let i = 0; i < n; i++) {
    const name = serviceName(i);
    lines.push(`${name}: /opt/acme/bin/${KINDS[i % KINDS.length]} --port ${PORT_BASE + i} --name ${name} --config /etc/acme/${i}.toml`);
  }
  return `${lines.join('\n')}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(generateSpec(Number(process.argv[2] ?? 10), { processesOnly: process.argv[3] === '--processes' }));
}
