import type { Model, Service } from '../../model/types.js';
import type { Diagnostic } from '../../spec/diagnostic.js';
import type { Artifact, Target, TargetInput, TargetOutput } from '../target.js';
import type { UnitContext } from './context.js';
import { awaitedToComplete } from './dependencies.js';
import { fallbackArtifacts } from './fallbacks.js';
import { pullArtifacts, pullUnitNames } from './image.js';
import { fallbackArtifactDir, targetUnitName, unitName } from './names.js';
import { networkArtifacts, networkUnitName } from './network.js';
import { renderServiceUnit, renderTargetUnit } from './render.js';
import { secretsDirRefusal } from './secrets.js';
import { serviceUnit } from './unit.js';

export const systemdTarget: Target = {
  name: 'systemd',
  description: 'systemd units: one .service per service, a .target for the stack, fallbacks as drop-ins',
  render,
};

function render({ model, services }: TargetInput): TargetOutput {
  const diagnostics: Diagnostic[] = secretsDirRefusal(model, services);
  const stack = {
    awaitedToComplete: awaitedToComplete(model),
    healthChecked: new Set(model.services.filter((s) => s.health).map((s) => s.name)),
    pullUnits: pullUnitNames(model, services),
    networkUnit: networkUnitName(model, services),
  };
  const units: Artifact[] = [];
  const dropIns: Artifact[] = [];
  for (const service of services) {
    const ctx: UnitContext = { model, service, oneshot: stack.awaitedToComplete.has(service.name), stack, diagnostics, notes: [] };
    const unit = serviceUnit(ctx);
    dropIns.push(...fallbackArtifacts(ctx, unit));
    if (service.fallbacks.length > 0) ctx.notes.push(`fallback variants are drop-ins under ${fallbackArtifactDir(service.name)}/; systemd does not switch to them by itself`);
    units.push({ path: unitName(model.project, service.name), content: renderServiceUnit(unit), notes: [...new Set(ctx.notes)] });
  }
  return { artifacts: [...units, ...pullArtifacts(model, stack.pullUnits), ...networkArtifacts(model, stack.networkUnit), stackTarget(model, services), ...dropIns], diagnostics: unique(diagnostics) };
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

/** A fallback variant meets the same unchanged values as its service: report each once. */
function unique(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = JSON.stringify([d.code, d.path, d.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
