import { externalVolumeCheck } from './external-volumes.js';
import { projectNetworkLabels } from './network.js';

/**
 * `/bin/sh -c WRAPPER sh NAME [PROJECT] docker run ARGS...` for a supervisor that signals only the
 * CLI (PM2, supervisord): it runs `docker run` in the background and stops the container with
 * `docker stop` (its own stop signal and timeout) when the supervisor stops the program, which would
 * otherwise leave the container running. A container left over by a killed supervisor is removed
 * first, so the name is free. A stop that comes before the container exists (during a pull) ends the
 * CLI and removes by name whatever a request still in flight creates, so no container outlives it.
 *
 * On the project network (`networked`), PROJECT follows NAME: the wrapper creates `<project>_default`
 * with Compose's labels when it is missing, under `flock` where the host has it (engine 20.10 makes
 * two networks of one name from concurrent creates), and tries `docker network rm` once its
 * container ended: the engine refuses while other containers are attached, so the last one out
 * removes it.
 *
 * `externalVolumes` are checked first: while one is missing the wrapper exits 1 before anything else.
 */
export function containerWrapper(networked: boolean, externalVolumes: readonly string[] = []): string {
  const leave = networked ? 'docker network rm "$network" >/dev/null 2>&1; ' : '';
  return (
    (networked ? 'name=$1; project=$2; shift 2; ' : 'name=$1; shift; ') +
    externalVolumeCheck('docker', externalVolumes) +
    (networked ? ensureNetwork : '') +
    'docker rm -f "$name" >/dev/null 2>&1; ' +
    `trap 'trap "" HUP INT QUIT TERM; docker stop "$name" >/dev/null 2>&1 || ` +
    `{ kill $! 2>/dev/null; wait; sleep 1; docker rm -f "$name" >/dev/null 2>&1; ${leave}exit 143; }' HUP INT QUIT TERM; ` +
    '"$@" & child=$!; ' +
    `while :; do wait "$child"; status=$?; kill -0 "$child" 2>/dev/null || ${networked ? `{ ${leave}exit "$status"; }` : 'exit "$status"'}; done`
  );
}

const labels = projectNetworkLabels('$2').map((label) => `--label "${label}"`).join(' ');
/** `sh -c CREATE sh NETWORK PROJECT`: creates the network unless it is there. */
const create = `docker network inspect "$1" >/dev/null 2>&1 || docker network create ${labels} "$1" >/dev/null`;
/** A lock that `flock` fails to take (no flock, a lock file it cannot open) leaves the create unguarded rather than undone. */
const ensureNetwork =
  `network="\${project}_default"; create='${create}'; ` +
  '{ command -v flock >/dev/null 2>&1 && flock "/tmp/orchgen-network-$network.lock" sh -c "$create" sh "$network" "$project"; } || ' +
  'sh -c "$create" sh "$network" "$project" || exit 1; ';
