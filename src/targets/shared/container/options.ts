import type { Service } from '../../../model/types.js';

/** `--cap-add`, `--cap-drop`, `--add-host HOST:IP`, `--init` and the log driver with its options, in that order. */
export function containerOptionArgs(service: Service): string[] {
  const { logging } = service;
  return [
    ...service.capAdd.flatMap((cap) => ['--cap-add', cap]),
    ...service.capDrop.flatMap((cap) => ['--cap-drop', cap]),
    ...service.extraHosts.flatMap(({ host, ip }) => ['--add-host', `${host}:${ip}`]),
    // false is said too: the daemon's default-init would otherwise put an init in
    ...(service.init === undefined ? [] : [service.init ? '--init' : '--init=false']),
    ...(logging?.driver !== undefined ? ['--log-driver', logging.driver] : []),
    ...(logging?.options ?? []).flatMap(([key, value]) => ['--log-opt', `${key}=${value}`]),
  ];
}
