import type { Model, Service } from '../../model/types.js';
import type { Artifact } from '../target.js';
import type { UnitContext } from './context.js';
import { descriptionText, execLine } from './escape.js';
import { engineUnits } from './engine.js';
import { enginePath, targetUnitName, unitName } from './names.js';
import { renderServiceUnit } from './render.js';
import { entry, type Entry, type UnitFile } from './sections.js';

/** A multi-GB image over a slow link: the pull has its own bound, apart from start and health. */
export const pullTimeout = '1h';

/**
 * One oneshot unit per image, as Quadlet's `.image` units: it pulls the image when the host lacks it
 * and stays active, and every service that runs the image requires it and starts after it. So the
 * service's TimeoutStartSec= bounds only its start and health check, never a download.
 * Image → unit name, `<project>-image-<slug>`; one that meets a service's unit or another image's
 * gets a number.
 */
export function pullUnitNames(model: Model, services: readonly Service[]): Map<string, string> {
  const images = services.flatMap((s) => [s, ...s.fallbacks.map((f) => f.service)]).flatMap((s) => (s.kind === 'container' && s.image ? [s.image] : []));
  const names = new Map<string, string>();
  const taken = new Set(model.services.map((s) => unitName(model.project, s.name)));
  for (const image of new Set(images)) {
    const slug = image.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'image';
    let name = unitName(model.project, `image-${slug}`);
    for (let n = 2; taken.has(name); n += 1) name = unitName(model.project, `image-${slug}-${n}`);
    taken.add(name);
    names.set(image, name);
  }
  return names;
}

/** Requires= and After= on the pull unit of the service's image. */
export function pullDependency(ctx: UnitContext): Entry[] {
  const unit = ctx.service.image !== undefined ? ctx.stack.pullUnits.get(ctx.service.image) : undefined;
  return unit === undefined ? [] : [entry('After', unit), entry('Requires', unit)];
}

export function pullArtifacts(model: Model, pullUnits: ReadonlyMap<string, string>): Artifact[] {
  return [...pullUnits].map(([image, name]) => ({
    path: name,
    content: renderServiceUnit(pullUnit(model, image)),
    notes: [`pulls ${image} when the host does not have it, before the services that run it start; the pull may take up to ${pullTimeout} (TimeoutStartSec=)`],
  }));
}

function pullUnit(model: Model, image: string): UnitFile {
  const engine = enginePath(model);
  const script = `${engine} image inspect "$1" >/dev/null 2>&1 || exec ${engine} pull "$1"`;
  const engineUnit = engineUnits(model, 'container');
  return {
    Unit: [
      entry('Description', descriptionText(`${model.project}: image ${image}`)),
      entry('PartOf', targetUnitName(model.project)),
      entry('After', 'network-online.target'),
      ...engineUnit.map((unit) => entry('After', unit)),
      entry('Wants', 'network-online.target'),
      ...engineUnit.map((unit) => entry('Requires', unit)),
    ],
    Service: [
      entry('Type', 'oneshot'),
      entry('RemainAfterExit', 'yes'),
      entry('ExecStart', execLine(['/bin/sh', '-c', script, '_', image])),
      entry('TimeoutStartSec', pullTimeout),
    ],
    Install: [],
  };
}
