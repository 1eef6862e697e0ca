import { describe, expect, it } from 'vitest';
import { rendered as renderedFiles } from '../rendered.js';

const yaml = [
  'version: 1',
  'project: demo',
  'services:',
  '  player:',
  '    image: busybox',
  '    command: [sleep, "3600"]',
  '    restart: always',
  '    devices: [/dev/snd, "/dev/ttyUSB0:/dev/serial:r"]',
  '',
].join('\n');

/** The stack rendered for every target; diagnostics as `CODE message`. */
function rendered(text = yaml) {
  const { file, written, diagnostics } = renderedFiles(text);
  return { file, written, diagnostics: diagnostics.map((d) => `${d.code} ${d.message}`) };
}

describe('devices on every target', () => {
  const { file, diagnostics } = rendered();

  it('systemd: --device in docker run', () => {
    expect(file('systemd/demo-player.service')).toEqual([
      "[Unit]",
      "Description=demo player",
      "PartOf=demo.target",
      "After=docker.service",
      "Requires=docker.service",
      "After=demo-image-busybox.service",
      "Requires=demo-image-busybox.service",
      "After=demo-network.service",
      "Requires=demo-network.service",
      "StartLimitIntervalSec=0",
      "",
      "[Service]",
      "Type=exec",
      "SyslogIdentifier=player",
      "ExecStartPre=-/usr/bin/docker rm -f demo-player",
      "ExecStart=/usr/bin/docker run --rm --name demo-player --network demo_default --network-alias player --device /dev/snd:/dev/snd:rwm --device /dev/ttyUSB0:/dev/serial:r --stop-signal SIGTERM --stop-timeout 10 busybox sleep 3600",
      "ExecStop=-/usr/bin/docker stop -t 10 demo-player",
      "ExecStopPost=-/usr/bin/docker rm -f demo-player",
      "KillSignal=SIGTERM",
      "SuccessExitStatus=143",
      "TimeoutStopSec=15s",
      "Restart=always",
      "RestartSec=1s",
      "",
      "[Install]",
      "WantedBy=demo.target",
      ""
    ]);
  });

  it('compose: devices in the service', () => {
    expect(file('compose/compose.yaml')).toEqual([
      "services:",
      "  player:",
      "    image: \"busybox\"",
      "    command:",
      "      - \"sleep\"",
      "      - \"3600\"",
      "    devices:",
      "      - \"/dev/snd:/dev/snd:rwm\"",
      "      - \"/dev/ttyUSB0:/dev/serial:r\"",
      "    restart: \"always\"",
      "    stop_signal: \"SIGTERM\"",
      "    stop_grace_period: \"10s\"",
      ""
    ]);
  });

  it('pm2: --device in docker run', () => {
    // The wrapper script and the file's preamble are the PM2 target's own; here, the docker run argv.
    const lines = file('pm2/ecosystem.config.cjs')!;
    const from = lines.indexOf('        "docker",');
    expect(lines.slice(from, lines.indexOf('      ],', from) + 1)).toEqual([
      '        "docker",',
      '        "run",',
      '        "--rm",',
      '        "--name",',
      '        "demo-player",',
      '        "--network",',
      '        "demo_default",',
      '        "--network-alias",',
      '        "player",',
      '        "--device",',
      '        "/dev/snd:/dev/snd:rwm",',
      '        "--device",',
      '        "/dev/ttyUSB0:/dev/serial:r",',
      '        "--stop-signal",',
      '        "SIGTERM",',
      '        "--stop-timeout",',
      '        "10",',
      '        "busybox",',
      '        "sleep",',
      '        "3600"',
      '      ],',
    ]);
  });

  it('supervisord: --device in docker run', () => {
    // The stop wrapper in front of docker run is the supervisord target's own; here, the docker run argv.
    const command = file('supervisor/demo.conf')!.find((line) => line.startsWith('command='))!;
    expect(command.slice(command.indexOf(' sh demo-player '))).toBe(
      ' sh demo-player demo docker run --rm --name demo-player --network demo_default --network-alias player --device /dev/snd:/dev/snd:rwm --device /dev/ttyUSB0:/dev/serial:r --stop-signal SIGTERM --stop-timeout 10 busybox sleep 3600',
    );
  });

  it('k8s: a hostPath per device: a folder of devices is a Directory, a device node a CharDevice', () => {
    expect(file('k8s/base/player.yaml')).toEqual([
      "apiVersion: \"apps/v1\"",
      "kind: \"Deployment\"",
      "metadata:",
      "  name: \"player\"",
      "  labels:",
      "    app.kubernetes.io/name: \"player\"",
      "    app.kubernetes.io/part-of: \"demo\"",
      "    app.kubernetes.io/managed-by: \"orchgen\"",
      "spec:",
      "  replicas: 1",
      "  selector:",
      "    matchLabels:",
      "      app.kubernetes.io/name: \"player\"",
      "      app.kubernetes.io/part-of: \"demo\"",
      "  strategy:",
      "    type: \"Recreate\"",
      "  template:",
      "    metadata:",
      "      labels:",
      "        app.kubernetes.io/name: \"player\"",
      "        app.kubernetes.io/part-of: \"demo\"",
      "        app.kubernetes.io/managed-by: \"orchgen\"",
      "    spec:",
      "      enableServiceLinks: false",
      "      restartPolicy: \"Always\"",
      "      terminationGracePeriodSeconds: 10",
      "      containers:",
      "        - name: \"player\"",
      "          image: \"busybox\"",
      "          args:",
      "            - \"sleep\"",
      "            - \"3600\"",
      "          volumeMounts:",
      "            - name: \"device-1\"",
      "              mountPath: \"/dev/snd\"",
      "            - name: \"device-2\"",
      "              mountPath: \"/dev/serial\"",
      "              readOnly: true",
      "      volumes:",
      "        - name: \"device-1\"",
      "          hostPath:",
      "            path: \"/dev/snd\"",
      "            type: \"Directory\"",
      "        - name: \"device-2\"",
      "          hostPath:",
      "            path: \"/dev/ttyUSB0\"",
      "            type: \"CharDevice\"",
      ""
    ]);
  });

  it('k8s warns that opening a device needs privileged or a device plugin; no other target warns', () => {
    expect(diagnostics).toEqual([
      "W103 k8s gives /dev/snd to `player` as a hostPath of type Directory (`devices`): the container can open it only with securityContext.privileged (through native.k8s) or a device plugin",
      "W103 k8s gives /dev/ttyUSB0 to `player` as a hostPath of type CharDevice (`devices`): the container can open it only with securityContext.privileged (through native.k8s) or a device plugin"
    ]);
  });
});

describe('devices in a fallback', () => {
  const { written: file } = rendered(
    [
      'version: 1',
      'project: demo',
      'services:',
      '  player:',
      '    image: busybox',
      '    command: [sleep, "3600"]',
      '    restart: always',
      '    devices: [/dev/snd]',
      '    fallbacks:',
      '      - name: serial',
      '        set: {devices: ["/dev/ttyUSB0"]}',
      '',
    ].join('\n'),
  );

  it('systemd: the drop-in runs docker run with the fallback\'s devices only', () => {
    expect(file('systemd/fallbacks/player/serial.conf')).toEqual([
      "# Generated by orchgen from ../orchgen.yaml.",
      "# Do not edit: change the source and run `orchgen build`.",
      "# NOTE: fallback \"serial\" of service \"player\": applies on any failure",
      "# NOTE: to switch: copy to /etc/systemd/system/demo-player.service.d/serial.conf, run systemctl daemon-reload and systemctl restart demo-player.service",
      "[Service]",
      "ExecStart=",
      "ExecStart=/usr/bin/docker run --rm --name demo-player --network demo_default --network-alias player --device /dev/ttyUSB0:/dev/ttyUSB0:rwm --stop-signal SIGTERM --stop-timeout 10 busybox sleep 3600",
      ""
    ]);
  });

  it('compose: the override replaces the list (Compose v2)', () => {
    expect(file('compose/fallbacks/player.serial.yaml')).toEqual([
      "# Generated by orchgen from ../orchgen.yaml.",
      "# Do not edit: change the source and run `orchgen build`.",
      "# NOTE: Fallback `serial` of `player`, used when it fails.",
      "# NOTE: Apply it over the base file: docker compose -f compose.yaml -f fallbacks/player.serial.yaml up -d player",
      "# NOTE: needs Compose v2 (docker compose): player.devices (!override)",
      "services:",
      "  player:",
      "    devices: !override",
      "      - \"/dev/ttyUSB0:/dev/ttyUSB0:rwm\"",
      ""
    ]);
  });

  it('k8s: the header says what opening the device needs', () => {
    expect(file('k8s/base/player.yaml')?.filter((line) => line.startsWith('# NOTE'))).toEqual([
      "# NOTE: player: /dev/snd is a hostPath of type Directory at /dev/snd: opening it needs securityContext.privileged or a device plugin."
    ]);
  });
});
