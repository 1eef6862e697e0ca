import type { Model, Service } from '../../model/types.js';
import { networkLabelArgs, onProjectNetwork, projectNetworkName, usesProjectNetwork } from '../shared/container/network.js';
import type { Artifact } from '../target.js';
import type { UnitContext } from './context.js';
import { engineUnits } from './engine.js';
import { descriptionText, execLine } from './escape.js';
import { enginePath, targetUnitName, unitName } from './names.js';
import { renderServiceUnit } from './render.js';
import { entry, type Entry, type UnitFile } from './sections.js';

/**
 * The oneshot unit that holds the project network, `<project>-network` (numbered when a service's
 * unit has that name); none when no container joins the project network.
 */
export function networkUnitName(model: Model, services: readonly Service[]): string | undefined {
  if (!usesProjectNetwork(services)) return undefined;
  const taken = new Set(model.services.map((s) => unitName(model.project, s.name)));
  let name = unitName(model.project, 'network');
  for (let n = 2; taken.has(name); n += 1) name = unitName(model.project, `network-${n}`);
  return name;
}

/** Requires= and After= on the network unit, for a container on the project network. */
export function networkDependency(ctx: UnitContext): Entry[] {
  const unit = ctx.stack.networkUnit;
  return unit === undefined || !onProjectNetwork(ctx.service) ? [] : [entry('After', unit), entry('Requires', unit)];
}

export function networkArtifacts(model: Model, networkUnit: string | undefined): Artifact[] {
  if (networkUnit === undefined) return [];
  const network = projectNetworkName(model.project);
  const notes = [
    `creates the network ${network} (Compose's labels, so \`docker compose\` of the same project takes it as its own) before the containers on it start; they reach each other by service name`,
    'removes the network when the stack stops',
  ];
  return [{ path: networkUnit, content: renderServiceUnit(networkUnitFile(model)), notes }];
}

/** One unit, so no two starts race to create the network; it stays active while the stack runs. */
function networkUnitFile(model: Model): UnitFile {
  const engine = enginePath(model);
  const network = projectNetworkName(model.project);
  const script = `network=$1; shift; ${engine} network inspect "$network" >/dev/null 2>&1 || exec ${engine} network create "$@" "$network"`;
  const engineUnit = engineUnits(model, 'container');
  return {
    Unit: [
      entry('Description', descriptionText(`${model.project}: network ${network}`)),
      entry('PartOf', targetUnitName(model.project)),
      ...engineUnit.map((unit) => entry('After', unit)),
      ...engineUnit.map((unit) => entry('Requires', unit)),
    ],
    Service: [
      entry('Type', 'oneshot'),
      entry('RemainAfterExit', 'yes'),
      entry('ExecStart', execLine(['/bin/sh', '-c', script, '_', network, ...networkLabelArgs(model.project)])),
      entry('ExecStop', `-${execLine([engine, 'network', 'rm', network])}`),
    ],
    Install: [],
  };
}
