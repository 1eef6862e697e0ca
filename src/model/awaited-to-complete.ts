import type { Model } from './types.js';

const known = new WeakMap<Model, ReadonlySet<string>>();

/** The services some other service waits to complete (`depends_on: {x: completed}`), found once per model. */
export function awaitedToComplete(model: Model): ReadonlySet<string> {
  let names = known.get(model);
  if (names === undefined) {
    names = new Set(model.services.flatMap((s) => s.dependsOn.filter((d) => d.condition === 'completed').map((d) => d.name)));
    known.set(model, names);
  }
  return names;
}
