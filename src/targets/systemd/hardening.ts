import { warn, type UnitContext } from './context.js';
import { entry, type Entry } from './sections.js';

/**
 * Sandboxing for `hardening: true`. A process may write outside /usr, /boot and /etc (ProtectSystem=full)
 * and keeps its GPU devices (PrivateDevices= and ProtectClock= would close the device list); the docker CLI of a container service writes nothing (strict), needs no
 * devices, only its socket, and the engine makes the container's namespaces, not the CLI. Podman runs
 * the container inside the unit itself, so a sandbox would break it.
 */
export function hardeningEntries(ctx: UnitContext): Entry[] {
  if (!ctx.model.settings.systemd.hardening) return [];
  const { service } = ctx;
  if (service.kind === 'container' && ctx.model.settings.systemd.engine === 'podman') {
    const reason = 'hardening is left out: podman runs the container inside the unit, which a sandbox would break';
    if (!ctx.fallback) warn(ctx, reason, ['targets', 'systemd', 'hardening']);
    ctx.notes.push(reason);
    return [];
  }
  const process = service.kind === 'process';
  const settings: Array<[string, string, boolean?]> = [
    ['NoNewPrivileges', 'yes'],
    ['ProtectSystem', process ? 'full' : 'strict'],
    ['ProtectHome', 'yes'],
    ['PrivateTmp', 'yes'],
    ['PrivateMounts', 'yes'],
    ['PrivateDevices', 'yes', !(process && service.gpu)],
    ['ProtectKernelTunables', 'yes'],
    ['ProtectKernelModules', 'yes'],
    ['ProtectKernelLogs', 'yes'],
    ['ProtectControlGroups', 'yes'],
    ['ProtectClock', 'yes', !(process && service.gpu)],
    ['ProtectHostname', 'yes'],
    ['ProtectProc', 'invisible'],
    ['RestrictSUIDSGID', 'yes'],
    ['LockPersonality', 'yes'],
    ['RestrictRealtime', 'yes'],
    ['RestrictNamespaces', 'yes', process],
    ['RestrictAddressFamilies', 'AF_UNIX AF_INET AF_INET6 AF_NETLINK'],
    ['SystemCallArchitectures', 'native'],
    ['SystemCallFilter', '@system-service'],
    ['CapabilityBoundingSet', ''],
  ];
  return settings.filter(([, , wanted = true]) => wanted).map(([key, value]) => entry(key, value));
}
