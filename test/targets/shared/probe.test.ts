import { existsSync } from 'node:fs';
import { mkdir, symlink } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { HealthCheck } from '../../../src/model/types.js';
import { probeScript } from '../../../src/targets/shared/probe.js';
import { freePort } from '../../runtime/stack.js';
import { describeWithTool, tempDir, type TempDir, type ToolCheck } from '../../support/tools.js';

/**
 * The probe runs in images that lack curl, wget and nc. Each tool it may fall back on is given to
 * a real /bin/sh alone (a PATH holding only that tool), against a real server: it passes on the
 * expected status, fails on another status or a closed port, and with no tool at all it fails
 * saying so.
 */
const tools: Record<string, string> = {
  curl: '/usr/bin/curl',
  wget: '/bin/busybox',
  nc: '/bin/busybox',
  bash: '/bin/bash',
  python3: '/usr/bin/python3',
};

function hasProbeTools(): ToolCheck {
  const absent = Object.entries(tools).filter(([, path]) => !existsSync(path)).map(([name, path]) => `${name} (${path})`);
  return absent.length === 0 ? { ok: true, reason: 'curl, busybox, bash, python3' } : { ok: false, reason: `${absent.join(', ')} not installed (apt-get install curl busybox-static bash python3)` };
}

await describeWithTool('health probes with one tool each', hasProbeTools(), () => {
  let dir: TempDir;
  let server: Server;
  let port: number;
  let closed: number;
  const only = new Map<string, string>();

  beforeAll(async () => {
    dir = await tempDir('orchgen-probe-');
    for (const name of [...Object.keys(tools), 'none']) {
      const bin = join(dir.path, name);
      await mkdir(bin);
      // Busybox picks its applet from the name it is called by.
      if (name !== 'none') await symlink(tools[name]!, join(bin, name));
      only.set(name, bin);
    }
    server = createServer((req, res) => res.writeHead(req.url === '/ready?full=1' ? 200 : 503).end());
    port = await freePort();
    closed = await freePort();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await dir.cleanup();
  });

  const run = async (check: HealthCheck, tool: string) => {
    const r = await execa('/bin/sh', ['-c', probeScript(check, 2000)], { env: { PATH: only.get(tool)! }, extendEnv: false, reject: false, timeout: 20_000 });
    return { exitCode: r.exitCode, stderr: String(r.stderr) };
  };
  const http = (path: string, status = 200, at = port): HealthCheck => ({ kind: 'http', url: `http://127.0.0.1:${at}${path}`, status });
  const tcp = (at: number): HealthCheck => ({ kind: 'tcp', host: '127.0.0.1', port: at });

  for (const tool of ['curl', 'wget', 'bash', 'python3']) {
    it(`http with ${tool} alone: passes on the expected status, fails on another or a closed port`, async () => {
      expect((await run(http('/ready?full=1'), tool)).exitCode).toBe(0);
      expect((await run(http('/other'), tool)).exitCode).not.toBe(0);
      expect((await run(http('/ready?full=1', 200, closed), tool)).exitCode).not.toBe(0);
    });
  }

  for (const tool of ['curl', 'bash', 'python3']) {
    it(`http expecting 503 with ${tool} alone`, async () => {
      expect((await run(http('/other', 503), tool)).exitCode).toBe(0);
      expect((await run(http('/ready?full=1', 503), tool)).exitCode).not.toBe(0);
    });
  }

  for (const tool of ['nc', 'bash', 'python3']) {
    it(`tcp with ${tool} alone: passes on an open port, fails on a closed one`, async () => {
      expect((await run(tcp(port), tool)).exitCode).toBe(0);
      expect((await run(tcp(closed), tool)).exitCode).not.toBe(0);
    });
  }

  it('with none of them, fails at once and says what is missing', async () => {
    expect(await run(http('/ready?full=1'), 'none')).toEqual({ exitCode: 1, stderr: `no curl, wget, bash or python3 here to check http://127.0.0.1:${port}/ready?full=1` });
    expect(await run(tcp(port), 'none')).toEqual({ exitCode: 1, stderr: `no nc, bash or python3 here to connect to 127.0.0.1:${port}` });
  });
});
