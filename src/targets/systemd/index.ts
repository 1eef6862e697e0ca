import type { Model, Service } from '../../model/types.js';
import { diagnosticsOf, type Finding } from '../shared/finding.js';
import type { Artifact, Target, TargetInput, TargetOutput } from '../target.js';
import type { UnitContext } from './context.js';
import { awaitedToComplete } from '../../model/awaited-to-complete.js';
import { fallbackArtifacts } from './fallbacks.js';
import { pullArtifacts, pullUnitNames } from './image.js';
import { fallbackArtifactDir, targetUnitName, unitName } from './names.js';
import { networkArtifacts, networkUnitName } from './network.js';
import { renderServiceUnit, renderTargetUnit } from './render.js';
import { secretsDirRefusal } from './secrets.js';
import { serviceUnit } from './unit.js';

export const systemdTarget = {
  name: 'systemd',
  description: 'systemd units: one .service per service, a .target for the stack, fallbacks as drop-ins',
  runsHostProcesses: true,
  render,
  loadDriver: async () => (await import('../../runtime/systemd/driver.js')).systemdDriver,
  runtimeOptions: [
    { flags: '--systemctl <command>', key: 'systemctl', description: 'how to run systemctl, e.g. "docker exec box systemctl"', parse: (text) => text.split(' ').filter(Boolean) },
    { flags: '--user', key: 'user', description: "the user manager (systemctl --user)" },
    { flags: '--host <host>', key: 'host', description: 'a remote host (systemctl --host, over ssh)' },
    { flags: '--unit-dir <dir>', key: 'unitDir', description: 'where units are installed', commands: ['up'] },
    { flags: '--secrets-dir <dir>', key: 'secretsDir', description: 'where up writes the secrets files (default: targets.systemd.secrets_dir)', commands: ['up'] },
  ],
} as const satisfies Target;

function render({ model, services }: TargetInput): TargetOutput {
  const findings: Finding[] = secretsDirRefusal(model, services).map((diagnostic) => ({ diagnostic }));
  const stack = {
    awaitedToComplete: awaitedToComplete(model),
    healthChecked: new Set(model.services.filter((s) => s.health).map((s) => s.name)),
    pullUnits: pullUnitNames(model, services),
    networkUnit: networkUnitName(model, services),
  };
  const units: Artifact[] = [];
  const dropIns: Artifact[] = [];
  for (const service of services) {
    const ctx: UnitContext = { model, service, oneshot: stack.awaitedToComplete.has(service.name), stack, findings, notes: [] };
    const unit = serviceUnit(ctx);
    dropIns.push(...fallbackArtifacts(ctx, unit));
    if (service.fallbacks.length > 0) ctx.notes.push(`fallback variants are drop-ins under ${fallbackArtifactDir(service.name)}/; systemd does not switch to them by itself`);
    units.push({ path: unitName(model.project, service.name), content: renderServiceUnit(unit), notes: [...new Set(ctx.notes)] });
  }
  return { artifacts: [...units, ...pullArtifacts(model, stack.pullUnits), ...networkArtifacts(model, stack.networkUnit), stackTarget(model, services), ...dropIns], diagnostics: diagnosticsOf(findings) };
}

/**
 * The target wants the essential services only. An optional one is started with the stack once it is
 * enabled (its [Install] WantedBy= the target), and `systemctl disable` takes it out again.
 */
function stackTarget(model: Model, services: readonly Service[]): Artifact {
  const target = targetUnitName(model.project);
  const wants = services.filter((s) => s.essential).map((s) => unitName(model.project, s.name));
  const optional = services.filter((s) => !s.essential).map((s) => unitName(model.project, s.name));
  const notes = [`\`systemctl enable --now ${target}\` starts the stack now and at every boot`];
  if (optional.length > 0) notes.push(`optional services start with it only once enabled: systemctl enable ${optional.join(' ')}`);
  return { path: target, content: renderTargetUnit(`${model.project} stack`, wants, model.settings.systemd.wantedBy), notes };
}
