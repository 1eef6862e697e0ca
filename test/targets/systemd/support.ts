/** Shared by the systemd target's tests: build a spec for systemd, put the units into a container. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'vitest';
import { compileText } from '../../../src/pipeline/compile.js';
import type { Model } from '../../../src/model/types.js';
import type { Diagnostic } from '../../../src/diagnostics/diagnostic.js';
import { systemdTarget } from '../../../src/targets/systemd/index.js';
import type { Artifact } from '../../../src/targets/target.js';
import type { SystemdContainer } from '../../support/tools.js';

export interface Rendered {
  model: Model;
  artifacts: Artifact[];
  diagnostics: Diagnostic[];
}

/** Compile a spec for systemd and render it; the spec itself must be valid. */
export function renderSpec(yaml: string): Rendered {
  const compiled = compileText('orchgen.yaml', yaml, ['systemd']);
  expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const model = compiled.model!;
  const services = model.services.filter((s) => s.targets.includes('systemd'));
  const output = systemdTarget.render({ model, plan: compiled.plan!, services, sourceDir: '..' });
  return { model, ...output };
}

export function artifact(rendered: Rendered, file: string): string {
  const found = rendered.artifacts.find((a) => a.path === file);
  if (!found) throw new Error(`no artifact ${file} among ${rendered.artifacts.map((a) => a.path).join(', ')}`);
  return found.content;
}

export const errorsOf = (rendered: Rendered) => rendered.diagnostics.filter((d) => d.severity === 'error');

/** Write the artifacts (contents only) under dir, keeping their relative paths. */
export async function writeArtifacts(dir: string, artifacts: readonly Artifact[]): Promise<void> {
  for (const a of artifacts) {
    const file = path.join(dir, a.path);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, a.content);
  }
}

/** Run a shell script in the container; fail the test on a non-zero exit. */
export async function sh(container: SystemdContainer, script: string, timeout = 60_000): Promise<string> {
  const r = await container.exec(['sh', '-c', script], { timeout });
  if (r.exitCode !== 0) throw new Error(`exit ${r.exitCode}: ${script}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/**
 * Make the programs the units name exist, as verify wants: the engine CLI, each absolute program of
 * a process service, and bare program names on PATH; users named by services too.
 */
export async function provideProgramsAndUsers(container: SystemdContainer, model: Model): Promise<void> {
  const absolute = new Set(['/usr/bin/docker', '/usr/bin/podman']);
  const bare = new Set<string>();
  const users = new Set<string>();
  for (const service of [...model.services, ...model.services.flatMap((s) => s.fallbacks.map((f) => f.service))]) {
    if (service.kind !== 'process') continue;
    if (service.command?.kind === 'exec') {
      const program = service.command.argv[0]!;
      (program.startsWith('/') ? absolute : bare).add(program);
    }
    if (service.user) users.add(service.user);
  }
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const stub = (file: string) => `{ mkdir -p ${quote(path.dirname(file))} && printf '#!/bin/sh\\nexit 0\\n' > ${quote(file)} && chmod +x ${quote(file)}; }`;
  const script = [
    ...[...absolute].map((p) => `[ -x ${quote(p)} ] || ${stub(p)}`),
    ...[...bare].map((p) => `command -v ${quote(p)} >/dev/null || ${stub(`/usr/local/bin/${p}`)}`),
    ...[...users].map((u) => `id -u ${quote(u)} >/dev/null 2>&1 || useradd --system --no-create-home ${quote(u)}`),
    'true',
  ].join('\n');
  await sh(container, script);
}

/**
 * `systemd-analyze verify` over the units of one build in the container; returns what it printed
 * (stderr and stdout): the caller expects nothing.
 */
export async function verifyUnits(container: SystemdContainer, hostDir: string, name: string): Promise<{ exitCode: number; output: string }> {
  const dir = `/tmp/verify-${name}`;
  await sh(container, `rm -rf ${dir}`);
  await container.copyIn(hostDir, dir);
  const r = await container.exec(['sh', '-c', `cd ${dir} && systemd-analyze verify --man=no --recursive-errors=yes ./*.service ./*.target`]);
  return { exitCode: r.exitCode, output: (r.stderr + r.stdout).trim() };
}
