import { posix } from 'node:path';
import type { StartupPlan } from '../../graph/plan.js';
import type { Service } from '../../model/types.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { externalVolumeNotes } from '../shared/container/external-volumes.js';
import { wrapperNetworkNotes } from '../shared/container/network.js';
import { renderTemplate } from '../shared/templates.js';
import type { Artifact, TargetInput, TargetOutput } from '../target.js';
import { buildApp } from './app.js';
import { exactnessErrors } from './exact.js';
import { fallbackListing, fallbackNote, fallbackPath, variantsOf } from './fallbacks.js';
import { jsList, toJs, type JsObject } from './js.js';
import { limitFindings, type Placed } from './limits.js';
import { ecosystemFile } from './names.js';
import { remarksFor } from './notes.js';

export function renderPm2({ model, plan, services, sourceDir }: TargetInput): TargetOutput {
  const { project } = model;
  const builder = checkedBuilder(project, model.settings.pm2.logDir);
  const base: Placed[] = services.map((service) => ({ service, where: ['services', service.name] }));
  const variants = variantsOf(services);
  const apps = new Map(base.map((placed) => [placed.service.name, appJs(builder.app(placed))]));
  const baseFindings = limitFindings(base);

  const main: Artifact = {
    path: ecosystemFile,
    content: ecosystem(sourceDir, '../..', waveOrder(plan, services).map((service) => apps.get(service.name)!), services),
    notes: [...baseFindings.notes, ...remarksFor(services), ...wrapperNetworkNotes(project, services), ...externalVolumeNotes(project, services), ...variants.map((variant) => fallbackListing(project, variant))],
  };
  // A variant file sits one folder deeper, in fallbacks/.
  const fallbackFiles = variants.map((variant): Artifact => ({
    path: fallbackPath(variant),
    content: ecosystem(posix.join('..', sourceDir), '../../..', [appJs(builder.app(variant))], [variant.service]),
    notes: [fallbackNote(project, variant), ...limitFindings([variant]).notes, ...remarksFor([variant.service])],
  }));
  const warnings = (variants.length === 0 ? baseFindings : limitFindings([...base, ...variants])).diagnostics;
  return { artifacts: [main, ...fallbackFiles], diagnostics: [...builder.errors, ...warnings] };
}

/** Builds apps and collects their E301s; a variant repeats the service's values, so each message is reported once. */
function checkedBuilder(project: string, logDir: string | undefined): { app: (placed: Placed) => JsObject; errors: Diagnostic[] } {
  const errors: Diagnostic[] = [];
  const reported = new Set<string>();
  const app = ({ service, where }: Placed): JsObject => {
    const built = buildApp(project, logDir, service);
    for (const error of exactnessErrors(service, built.env, built.how, where)) {
      if (!reported.has(error.message)) errors.push(error);
      reported.add(error.message);
    }
    return built.app;
  };
  return { app, errors };
}

/** PM2 starts apps in file order: dependency waves, declaration order within a wave. */
function waveOrder(plan: StartupPlan, services: readonly Service[]): Service[] {
  const byName = new Map(services.map((service) => [service.name, service]));
  return plan.waves.flat().flatMap((name) => byName.get(name) ?? []);
}

/** An app as it stands in the file's list of apps. */
function appJs(app: JsObject): string {
  return toJs(app, '    ');
}

/** besideOutput: the folder that holds the output folder, seen from the file; apps: each as `appJs` wrote it. */
function ecosystem(specDir: string, besideOutput: string, apps: string[], services: readonly Service[]): string {
  return renderTemplate('pm2', 'ecosystem.config.cjs', {
    specDir: JSON.stringify(specDir),
    besideOutput: JSON.stringify(besideOutput),
    apps: jsList(apps, '  '),
    secrets: services.some((s) => s.secrets.length > 0),
    required: services.some((s) => s.envRequired.length > 0),
    optional: services.some((s) => s.envOptional.length > 0),
  });
}
