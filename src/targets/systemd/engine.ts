import type { Model } from '../../model/types.js';

/** The docker daemon must be up before a container starts, or is pulled; podman has no daemon. */
export function engineUnits(model: Model, kind: 'container' | 'process'): string[] {
  return kind === 'container' && model.settings.systemd.engine === 'docker' ? ['docker.service'] : [];
}
