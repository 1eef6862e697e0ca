import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { IsolatedPm2 } from '../../support/tools.js';

/** Values that trip quoting in one format or another; each must reach the process unchanged. */
export const hostileValues: Record<string, string> = {
  PERCENT: '100% %s %%',
  DOLLAR: '$HOME ${HOME} $(id) `id`',
  SINGLE: "it's",
  DOUBLE: 'say "hi"',
  SEMI: 'a ;b',
  HASH: 'a #b',
  NEWLINES: 'one\ntwo\n',
  CRLF: 'a\r\nb',
  BACKSLASH: 'a\\b\\\\c\\n',
  UNICODE: 'héllo ✓ 日本 🚀',
  EMPTY: '',
  SPACES: '  padded  ',
  SECTION: '[section]',
  EQUALS: 'a=b=c',
  TABS: '\tx\t',
  JSONISH: '{"a": [1]}',
  FLAGLIKE: '--name other',
};

export const hostileArgs = [...Object.values(hostileValues), '', '-c', '--', 'true', '1'];

/** A YAML flow mapping of the hostile values, each as a double-quoted scalar. */
export function hostileEnvYaml(): string {
  return `{ ${Object.entries(hostileValues).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(', ')}, RATIO: 1.50, FLAG: true }`;
}

export const hostileEnv = { ...hostileValues, RATIO: '1.50', FLAG: 'true' };

/** A node program that writes its arguments and environment to the file named by its first argument, then idles. */
export function writeProbe(dir: string): string {
  const file = path.join(dir, 'probe.cjs');
  writeFileSync(
    file,
    [
      "const fs = require('fs');",
      'const out = process.argv[2];',
      "fs.writeFileSync(out + '.tmp', JSON.stringify({ argv: process.argv.slice(3), env: process.env }));",
      "fs.renameSync(out + '.tmp', out);",
      'setInterval(() => {}, 1 << 30);',
      '',
    ].join('\n'),
  );
  return file;
}

export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, withinMs = 15_000): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function readJsonWhenThere<T>(file: string): T | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : undefined;
}

export interface Pm2Process {
  name: string;
  pid: number;
  pm2_env: Record<string, unknown> & { status: string; restart_time: number };
}

export async function jlist(pm2: IsolatedPm2): Promise<Pm2Process[]> {
  const result = await pm2.pm2(['jlist']);
  if (result.exitCode !== 0) throw new Error(`pm2 jlist failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as Pm2Process[];
}

export async function startOnly(pm2: IsolatedPm2, ecosystem: string, app: string): Promise<void> {
  const result = await pm2.pm2(['start', ecosystem, '--only', app]);
  if (result.exitCode !== 0) throw new Error(`pm2 start ${app} failed: ${result.stdout}\n${result.stderr}`);
}
