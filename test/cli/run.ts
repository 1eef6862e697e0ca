import { execa } from 'execa';

/** Runs the built CLI the way a user does, with colour off. */
export async function orchgen(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  const result = await execa('node', [new URL('../../dist/cli/main.js', import.meta.url).pathname, ...args], {
    cwd: options.cwd ?? process.cwd(),
    env: { NO_COLOR: '1', ...options.env },
    reject: false,
    stripFinalNewline: false,
  });
  return { code: result.exitCode, stdout: result.stdout, stderr: result.stderr };
}
