import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, type TempDir } from '../support/tools.js';
import { cliEntry, orchgen } from './run.js';

interface Ran {
  code: number | null;
  stdout: Buffer;
  stderr: Buffer;
}

/** Runs `argv`; with `closeStdout`, its stdout's reader is gone before it writes. */
function run(argv: readonly string[], cwd: string, how: { closeStdout?: boolean }): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    if (how.closeStdout) child.stdout.destroy();
    else child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out), stderr: Buffer.concat(err) }));
  });
}

/**
 * A parent that gives the CLI one pipe for stdout and stderr, non-blocking (as a parent sharing it
 * with an event loop may leave it), and reads nothing for half a second: the CLI's writes meet a
 * full pipe that answers EAGAIN. Prints the exit code, then everything read.
 */
const lateNonBlockingReader = `
import fcntl, os, subprocess, sys, time
r, w = os.pipe()
fcntl.fcntl(w, fcntl.F_SETFL, fcntl.fcntl(w, fcntl.F_GETFL) | os.O_NONBLOCK)
child = subprocess.Popen(sys.argv[1:], stdout=w, stderr=w)
os.close(w)
time.sleep(0.5)
chunks = []
while True:
    chunk = os.read(r, 65536)
    if not chunk:
        break
    chunks.append(chunk)
sys.stdout.buffer.write(b"%d\\n" % child.wait() + b"".join(chunks))
`;

async function readLate(args: readonly string[], cwd: string): Promise<{ code: number; output: string }> {
  const ran = await run(['python3', '-c', lateNonBlockingReader, 'node', cliEntry, ...args], cwd, {});
  const text = ran.stdout.toString();
  const newline = text.indexOf('\n');
  return { code: Number(text.slice(0, newline)), output: text.slice(newline + 1) };
}

describe('the CLI writes its output whole, to any reader', () => {
  let dir: TempDir;

  beforeAll(async () => {
    dir = await tempDir('orchgen-std-write-');
    const services = Array.from({ length: 1500 }, (_, i) => `  svc${i}:\n    command: [sleep, "1"]\n    depend_on: [x]\n`).join('');
    writeFileSync(join(dir.path, 'orchgen.yaml'), `version: 1\nproject: many\nservices:\n${services}`);
  });
  afterAll(() => dir?.cleanup());

  it('waits on a non-blocking pipe its reader empties late: every byte arrives, in order', async () => {
    const plain = await orchgen(['validate'], { cwd: dir.path });
    expect(plain.code).toBe(1);
    // far more than a pipe holds (64 KiB), so that writes meet a full pipe
    expect(Buffer.byteLength(plain.stderr)).toBeGreaterThan(150_000);
    const late = await readLate(['validate'], dir.path);
    expect(late.code).toBe(1);
    expect(late.output).toBe(plain.stderr);
  });

  it('stops writing, without a stack trace, when its reader has gone (`orchgen schema | head -c 0`)', async () => {
    const gone = await run(['node', cliEntry, 'schema'], dir.path, { closeStdout: true });
    expect(gone.stderr.toString()).toBe('');
    expect(gone.code).toBe(0);
  });
});
