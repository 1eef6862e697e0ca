import { diagnostic, formatPath, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { TargetInput, TargetOutput } from '../target.js';
import { externalVolumeNotes } from '../shared/container/external-volumes.js';
import { wrapperNetworkNotes } from '../shared/container/network.js';
import { diagnosticsOf, type Finding } from '../shared/finding.js';
import { flatText } from '../shared/flat-text.js';
import { renderTemplate } from '../shared/templates.js';
import { valueProblem } from './carry.js';
import { confFile, containerName, logFile, programName, variantName } from './names.js';
import { notes } from './notes.js';
import { program, type Program } from './program.js';
import { refusals } from './refusals.js';
import { warnings } from './warnings.js';
import { awaitedToComplete } from '../../model/awaited-to-complete.js';

/**
 * `<project>.conf`: a program per service, each followed by its fallback variants. No `[group:]`:
 * each program is a process group of its own, with its priority, so supervisord's shutdown stops
 * one after the other, dependents before their dependencies.
 */
export function render({ model, plan, services, sourceDir }: TargetInput): TargetOutput {
  if (services.length === 0) return { artifacts: [], diagnostics: [] };
  const logDir = model.settings.supervisor.logDir?.replace(/(?<=.)\/+$/, '');
  const completes = awaitedToComplete(model);
  const sections: string[] = [];
  const section = (p: Program) => sections.push(flatText(renderTemplate('supervisor', 'program', p)));
  const diagnostics: Diagnostic[] = [...logDirRefusal(logDir)];
  const findings: Finding[] = [];
  for (const service of services) {
    const place = {
      project: model.project,
      container: containerName(model.project, service.name),
      priority: 100 * plan.waveOf.get(service.name)!,
      completes: completes.has(service.name),
      sourceDir,
    };
    section(program(service, { ...place, name: programName(model.project, service.name), logFile: logFile(model.project, logDir, service.name), autostart: true }));
    findings.push(...warnings(service));
    diagnostics.push(...refusals({ service }));
    service.fallbacks.forEach((fallback, index) => {
      const name = variantName(model.project, service.name, fallback.name);
      section(program(fallback.service, { ...place, name, logFile: logFile(model.project, logDir, service.name, fallback.name), autostart: false }));
      diagnostics.push(...refusals({ service: fallback.service, fallback: { index, name: fallback.name, main: service } }));
    });
  }
  const content = renderTemplate('supervisor', 'conf', { sections });
  const programNames = services.map((s) => programName(model.project, s.name));
  return { artifacts: [{ path: confFile(model.project), content, notes: [...notes({ services, programNames, logDir, plan }), ...wrapperNetworkNotes(model.project, services), ...externalVolumeNotes(model.project, services)] }], diagnostics: oncePerPath([...diagnostics, ...diagnosticsOf(findings)]) };
}

function logDirRefusal(logDir: string | undefined): Diagnostic[] {
  const problem = logDir === undefined ? undefined : valueProblem(logDir);
  return problem ? [diagnostic('E301', `\`targets.supervisor.log_dir\`: supervisord cannot carry ${problem}`, { path: ['targets', 'supervisor', 'log_dir'] })] : [];
}

/** A variant repeats the values it shares with its service: report each spot in the spec once. */
function oncePerPath(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.code} ${formatPath(d.path)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
