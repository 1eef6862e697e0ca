import { stringify } from 'yaml';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithTool, hasSystemdImage, type SystemdContainer } from '../../support/tools.js';
import { freePort, installUnits, runId, show, startLiveContainer, waitForFile } from './live.js';
import { renderSpec, sh } from './support.js';

/** What a unit needs from the host to start, under systemd itself: required variables and a probe that hangs. */
await describeWithTool('systemd starts units from what the host gives them', hasSystemdImage, () => {
  let container: SystemdContainer;

  beforeAll(async () => {
    container = await startLiveContainer('systemd-start-inputs');
    await sh(container, 'mkdir -p /var/lib/gate');
  });
  afterAll(async () => {
    await container?.stop();
  });

  it('env_required comes from the stack file in the secrets folder; without it the start fails naming the key', async () => {
    const project = runId('er');
    const rendered = renderSpec(
      stringify({
        version: 1,
        project,
        services: { s: { command: ['/bin/sh', '-c', `printf %s "$TOKEN" > /var/lib/gate/${project}-token.tmp && mv /var/lib/gate/${project}-token.tmp /var/lib/gate/${project}-token; exec sleep 600`], env_required: ['TOKEN'], restart: 'no' } },
      }),
    );
    await installUnits(container, rendered.artifacts);
    const unit = `${project}-s.service`;
    const file = `/etc/orchgen/${project}/env_required.env`;

    expect((await container.exec(['systemctl', 'start', unit])).exitCode).not.toBe(0);
    expect(await show(container, unit, 'ActiveState')).toBe('failed');
    const journal = await sh(container, `journalctl -u ${unit} -o cat --no-pager`);
    expect(journal).toContain(`TOKEN: is required and not set (add it to ${file})`);

    // As an admin writes it (and `orchgen up` does): KEY="value", `$` escaped.
    const written = await container.exec(['sh', '-c', `mkdir -p /etc/orchgen/${project} && cat > ${file} && chmod 600 ${file}`], { input: 'TOKEN="a b \\$x"\n' });
    expect(written.exitCode).toBe(0);
    await sh(container, `systemctl reset-failed ${unit}; systemctl start ${unit}`);
    expect(await waitForFile(container, `/var/lib/gate/${project}-token`)).toBe('a b $x');
    // The manager's own environment holds nothing of it: a reboot starts the unit the same way.
    expect(await sh(container, 'systemctl show-environment')).not.toContain('TOKEN');
    await sh(container, `systemctl stop ${unit}`);
  });

  it('a probe that hangs is cut at the check timeout and tried again (wget has no timeout of its own)', async () => {
    const project = runId('hp');
    const port = await freePort();
    // The first request never gets an answer; every later one gets 200.
    const server = [
      'import http.server, threading, time',
      'first = threading.Lock()',
      'class H(http.server.BaseHTTPRequestHandler):',
      '    def do_GET(self):',
      '        if first.acquire(blocking=False): time.sleep(600)',
      '        self.send_response(200); self.end_headers(); self.wfile.write(b"ok")',
      `http.server.ThreadingHTTPServer(("127.0.0.1", ${port}), H).serve_forever()`,
    ].join('\n');
    await container.exec(['sh', '-c', `cat > /var/lib/gate/${project}.py`], { input: server });
    const rendered = renderSpec(
      stringify({
        version: 1,
        project,
        services: { web: { command: ['/usr/bin/python3', `/var/lib/gate/${project}.py`], health: { http: `http://127.0.0.1:${port}/`, interval: '1s', timeout: '1s', retries: 20 } } },
      }),
    );
    await installUnits(container, rendered.artifacts);
    // Without curl the probe falls back to wget (busybox's, which has no -T).
    await sh(container, 'mv /usr/bin/curl /usr/bin/curl.hidden; ln -sf /bin/busybox /usr/local/bin/wget');
    try {
      const began = Date.now();
      await sh(container, `systemctl start ${project}-web.service`, 90_000);
      expect(await show(container, `${project}-web.service`, 'ActiveState')).toBe('active');
      // TimeoutStartSec= is 45 s; a hung probe would have used it all.
      expect(Date.now() - began).toBeLessThan(15_000);
    } finally {
      await sh(container, 'mv /usr/bin/curl.hidden /usr/bin/curl; rm -f /usr/local/bin/wget');
    }
    await sh(container, `systemctl stop ${project}-web.service`);
  });
});
