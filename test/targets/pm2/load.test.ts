import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PROJECT_ROOT, tempDir, type TempDir } from '../../support/tools.js';
import { buildFile, buildInto, loadEcosystem, schemaErrors } from './support.js';

const everything = `version: 1
project: full
services:
  db:
    image: postgres:16
    env: { POSTGRES_PASSWORD: "p%ss 'w\\"$", EMPTY: "" }
    env_required: [PGDATA_KEY]
    env_file: [db.env]
    ports: ["127.0.0.1:5432:5432"]
    volumes: ["pgdata:/var/lib/postgresql/data", "./init:/init:ro"]
    resources: { memory: 1G, cpus: 2 }
    gpu: { count: all, capabilities: [compute] }
    health: { tcp: "127.0.0.1:5432" }
  api:
    command: [./bin/api, --port, "8080"]
    workdir: /tmp
    user: www-data
    env_file: .env
    env: { MODE: prod }
    depends_on: { db: healthy }
    restart: { policy: always, max_attempts: 3, backoff: exponential, delay: 500ms }
    gpu: { count: 2 }
    resources: { memory: 512M }
    stop: { signal: SIGINT, timeout: 20s }
    native:
      pm2: { time: true, log_date_format: "YYYY-MM-DD HH:mm Z" }
    fallbacks:
      - name: cpu
        when: { exit_codes: [3], log: "CUDA error" }
        set: { gpu: { device_ids: ["1"] }, env: { MODE: cpu } }
  worker:
    command: "python3 worker.py | tee -a /tmp/worker.log"
    restart: "no"
targets:
  pm2: { log_dir: /var/log/full }
`;

describe('generated ecosystem files load and validate', () => {
  let work: TempDir;
  beforeAll(async () => {
    work = await tempDir('orchgen-pm2-load-');
  });
  afterAll(() => work.cleanup());

  it('loads with require and passes the SchemaStore PM2 schema, fallbacks included', () => {
    const { ecosystem, built } = buildInto(path.join(work.path, 'full'), everything);
    const loaded = loadEcosystem(ecosystem);
    expect(loaded.apps.map((app) => app.name)).toEqual(['full-db', 'full-worker', 'full-api']);
    expect(schemaErrors(loaded)).toEqual([]);
    const fallback = loadEcosystem(path.join(path.dirname(ecosystem), 'fallbacks', 'api.cpu.config.cjs'));
    expect(fallback.apps.map((app) => [app.name, app.env.MODE, app.env.CUDA_VISIBLE_DEVICES])).toEqual([['full-api', 'cpu', '1']]);
    expect(schemaErrors(fallback)).toEqual([]);
    expect(built.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('resolves relative paths against the spec folder from the fallback folder too', () => {
    const stack = path.join(work.path, 'full');
    const fallback = loadEcosystem(path.join(stack, 'out', 'pm2', 'fallbacks', 'api.cpu.config.cjs')).apps[0]!;
    expect(fallback.args).toContain(path.join(stack, '.env'));
  });

  it('resolves them against ORCHGEN_SPEC_DIR when it is set', () => {
    const stack = path.join(work.path, 'full');
    vi.stubEnv('ORCHGEN_SPEC_DIR', '/elsewhere/spec');
    const fallback = loadEcosystem(path.join(stack, 'out', 'pm2', 'fallbacks', 'api.cpu.config.cjs')).apps[0]!;
    expect(fallback.args).toContain('/elsewhere/spec/.env');
  });

  it('the schema check can fail: it rejects a non-string env value', () => {
    expect(schemaErrors({ apps: [{ script: 'x', env: { PORT: 8080 } }] })).not.toEqual([]);
  });

  const examples = readdirSync(path.join(PROJECT_ROOT, 'examples'), { withFileTypes: true }).filter((entry) => entry.isDirectory());
  it.each(examples.map((entry) => entry.name))('builds examples/%s for pm2: it loads and validates', (name) => {
    const specFile = path.join(PROJECT_ROOT, 'examples', name, 'orchgen.yaml');
    const { ecosystem, built } = buildFile(specFile, path.join(work.path, 'examples', name, 'out'));
    expect(built.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
    for (const file of [...built.files.keys()].filter((f) => f.endsWith('.cjs'))) {
      const loaded = loadEcosystem(path.join(path.dirname(path.dirname(ecosystem)), file));
      expect(loaded.apps.length).toBeGreaterThan(0);
      expect(schemaErrors(loaded), file).toEqual([]);
    }
  });
});
