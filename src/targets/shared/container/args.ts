/**
 * A host path in `docker run`'s arguments: a volume's bind source or an env file. Each target says it
 * its own way (systemd: absolute or refused; PM2: resolved against the ecosystem file's folder when it
 * loads; supervisord: relative to the conf), so the container model keeps it apart from plain words.
 */
export interface HostPath {
  kind: 'hostPath';
  /** The option it follows: `-v` or `--env-file`. */
  flag: string;
  /** As written in the spec. */
  path: string;
  /** Text after the path in the same word, e.g. `:/data:ro`. */
  suffix: string;
  /** Where it is written in the service: `['volumes', 2]`, `['env_file', 0]`. */
  field: [key: 'volumes' | 'env_file', index: number];
}

/** One word of `docker run ...`, or a host path that becomes one word. */
export type RunArg = string | HostPath;

export function hostPath(flag: string, path: string, suffix: string, field: HostPath['field']): HostPath {
  return { kind: 'hostPath', flag, path, suffix, field };
}

/**
 * The words of the run, each host path said by `say`: `undefined` leaves out the path and its option
 * (the target has refused it and reported why).
 */
export function renderRun<T>(args: readonly RunArg[], say: (path: HostPath) => T | undefined): Array<string | T> {
  return args.flatMap((arg): Array<string | T> => {
    if (typeof arg === 'string') return [arg];
    const said = say(arg);
    return said === undefined ? [] : [arg.flag, said];
  });
}
