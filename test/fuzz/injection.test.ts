import { writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { hasSupervisord, requireTool, tempDir, type TempDir } from '../support/tools.js';
import { readBackStubbingUsers, writeMainConf } from '../targets/supervisor/helpers.js';
import { specArbitrary } from './arbitraries.js';
import { fuzzRun, fuzzSeed } from './seed.js';
import { argvOf, artifact, benignTwin, expectedEnv, project, render, servicesOf, type Rendered } from './injection-support.js';

const RUNS = 200;
/** Inputs handed to supervisord's own parser (one Python process each). */
const SUPERVISOR_SAMPLE = 30;

const specs = specArbitrary({ rich: false, maxServices: 4 });

/**
 * Section headers and keys, line by line; comments and blank lines left out. supervisord's ini
 * (configparser) continues a value on indented lines; systemd strips the indent and reads a key.
 */
function iniShape(text: string, target: 'systemd' | 'supervisor'): string[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '' && !/^\s*[#;]/.test(line) && !(target === 'supervisor' && /^\s/.test(line)))
    .map((line) => (target === 'systemd' ? line.trimStart() : line))
    .map((line) => (/^\[.*\]$/.test(line) ? line : /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(line)?.[1] ?? `?? ${line}`));
}

function checkIniShape(r: Rendered, twin: Rendered, target: 'systemd' | 'supervisor') {
  // a refusal of a name (an env key PM2 reserves, say) refuses the twin too
  if (r.refused.has(target) || twin.refused.has(target)) return false;
  const files = r.artifacts.filter((a) => a.target === target);
  expect(files.map((a) => a.path)).toEqual(twin.artifacts.filter((a) => a.target === target).map((a) => a.path));
  for (const file of files) {
    const expected = iniShape(artifact(twin, file.path)!.content, target);
    expect(iniShape(file.content, target), `${file.path}\n${file.content}\n--- spec ---\n${r.generated.text}`).toEqual(expected);
  }
  return true;
}

describe('fuzz: hostile values never add a directive, section, key or command', () => {
  let dir: TempDir;
  beforeAll(async () => {
    dir = await tempDir('orchgen-fuzz-inject-');
  });
  afterAll(async () => {
    await dir?.cleanup();
  });

  it('systemd and supervisor: every unit and conf has the sections and keys of a benign twin', () => {
    const counts = { inputs: 0, systemd: 0, supervisor: 0 };
    const run = fuzzRun('injection-ini-shape', RUNS);
    fc.assert(
      fc.property(specs, (generated) => {
        counts.inputs++;
        const r = render(generated);
        const twin = render(benignTwin(generated));
        if (checkIniShape(r, twin, 'systemd')) counts.systemd++;
        if (checkIniShape(r, twin, 'supervisor')) counts.supervisor++;
      }),
      run,
    );
    console.log(`property injection-ini-shape: ${counts.inputs} inputs (${counts.systemd} checked on systemd, ${counts.supervisor} on supervisor, the rest refused with E301)`);
    expect(counts.inputs).toBeGreaterThanOrEqual(run.numRuns);
  });

  it('compose: the parsed compose.yaml holds exactly the services, env and commands of the spec', () => {
    const counts = { inputs: 0, checked: 0 };
    const unescape = (text: string) => {
      expect(text.replace(/\$\$/g, ''), `an unescaped $ in ${JSON.stringify(text)}`).not.toContain('$');
      return text.replace(/\$\$/g, '$');
    };
    const run = fuzzRun('injection-compose', RUNS);
    fc.assert(
      fc.property(specs, (generated) => {
        counts.inputs++;
        const r = render(generated);
        const containers = servicesOf(generated).filter(([, s]) => s.image !== undefined);
        if (r.refused.has('compose') || containers.length === 0) return;
        counts.checked++;
        const doc = parse(artifact(r, 'compose/compose.yaml')!.content) as { services: Record<string, Record<string, unknown>> };
        expect(Object.keys(doc).every((k) => ['name', 'services', 'volumes', 'networks'].includes(k))).toBe(true);
        expect(Object.keys(doc.services)).toEqual(containers.map(([n]) => n));
        for (const [n, s] of containers) {
          const got = doc.services[n]!;
          expect(got.image).toBe(s.image);
          const env = Object.fromEntries(Object.entries((got.environment as Record<string, string>) ?? {}).map(([k, v]) => [k, unescape(v)]));
          expect(env, generated.text).toEqual(expectedEnv(s));
          if (s.command !== undefined) expect((got.command as string[]).map(unescape), generated.text).toEqual(argvOf(s.command));
          else expect(got.command).toBeUndefined();
        }
      }),
      run,
    );
    console.log(`property injection-compose: ${counts.inputs} inputs (${counts.checked} checked, the rest refused or without containers)`);
  });

  it('pm2: require() of the ecosystem file gives exactly the apps, env and arguments of the spec', () => {
    const counts = { inputs: 0, checked: 0 };
    const require = createRequire(import.meta.url);
    const run = fuzzRun('injection-pm2', RUNS);
    fc.assert(
      fc.property(specs, (generated) => {
        counts.inputs++;
        const r = render(generated);
        if (r.refused.has('pm2')) return;
        counts.checked++;
        const file = path.join(dir.path, `case-${counts.inputs}`, 'pm2', 'ecosystem.config.cjs');
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, artifact(r, 'pm2/ecosystem.config.cjs')!.content);
        const { apps } = require(file) as { apps: Array<{ name: string; script: string; args: string[]; env: Record<string, string> }> };
        const services = servicesOf(generated);
        expect(apps.map((a) => a.name).sort()).toEqual(services.map(([n]) => `${project(generated)}-${n}`).sort());
        for (const [n, s] of services) {
          const app = apps.find((a) => a.name === `${project(generated)}-${n}`)!;
          expect(app.env, generated.text).toEqual(expectedEnv(s));
          if (s.image === undefined) {
            expect([app.script, ...app.args], generated.text).toEqual(argvOf(s.command!));
          } else {
            const tail = s.command === undefined ? [s.image] : [s.image, ...argvOf(s.command)];
            expect(app.args.slice(-tail.length), generated.text).toEqual(tail);
          }
        }
      }),
      run,
    );
    console.log(`property injection-pm2: ${counts.inputs} inputs (${counts.checked} checked, the rest refused with E301)`);
  });

  it('supervisor: supervisord parses exactly the programs, environment and commands of the spec', async () => {
    if (!requireTool(await hasSupervisord())) return;
    const samples = fc.sample(specs, { numRuns: SUPERVISOR_SAMPLE * 3, seed: fuzzSeed('injection-supervisor') });
    let checked = 0;
    for (const [i, sample] of samples.entries()) {
      if (checked >= SUPERVISOR_SAMPLE) break;
      // supervisord wants the log folder to exist
      const caseDir = path.join(dir.path, `sup-${i}`);
      mkdirSync(path.join(caseDir, 'logs'), { recursive: true });
      const data = { ...sample.data, targets: { ...(sample.data.targets as object), supervisor: { log_dir: path.join(caseDir, 'logs') } } };
      const generated = { data, text: JSON.stringify(data) };
      const r = render(generated);
      if (r.refused.has('supervisor')) continue;
      checked++;
      const conf = path.join(caseDir, 'program.conf');
      writeFileSync(conf, artifact(r, `supervisor/${project(generated)}.conf`)!.content);
      const { programs } = await readBackStubbingUsers(writeMainConf(caseDir, conf));
      const services = servicesOf(generated);
      expect(programs.map((p) => p.name).sort()).toEqual(services.map(([n]) => `${project(generated)}-${n}`).sort());
      for (const [n, s] of services) {
        const program = programs.find((p) => p.name === `${project(generated)}-${n}`)!;
        expect(program.group).toBe(program.name); // each program is a group of its own, so shutdown stops them in order
        expect(program.environment, generated.text).toEqual(expectedEnv(s));
        if (s.image === undefined) expect(program.argv, generated.text).toEqual(argvOf(s.command!));
        else if (s.command !== undefined) expect(program.argv.slice(-argvOf(s.command).length), generated.text).toEqual(argvOf(s.command));
      }
    }
    console.log(`property injection-supervisord-parser: ${checked} inputs parsed by supervisord`);
    expect(checked).toBeGreaterThan(0);
  });
});
