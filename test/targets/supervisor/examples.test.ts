import { onProjectNetwork } from '../../../src/targets/shared/container/network.js';
import { containerWrapper } from '../../../src/targets/shared/container/wrapper.js';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Service } from '../../../src/model/types.js';
import { describeWithTool, hasSupervisord, PROJECT_ROOT, tempDir, type TempDir } from '../../support/tools.js';
import { buildInto, readBackStubbingUsers, writeMainConf, type Built, type ParsedProgram } from './helpers.js';

const examplesDir = path.join(PROJECT_ROOT, 'examples');
const examples = readdirSync(examplesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && readdirSync(path.join(examplesDir, entry.name)).includes('orchgen.yaml'))
  .map((entry) => entry.name)
  .sort();

/** The users the example names that this machine lacks: the parser looks each one up. */
async function missingUsers(services: readonly Service[]): Promise<string[]> {
  const users = [...new Set(services.filter((s) => s.kind === 'process' && s.user !== undefined).map((s) => s.user!))];
  const missing: string[] = [];
  for (const user of users) if ((await execa('id', ['-u', user], { reject: false, stdin: 'ignore' })).exitCode !== 0) missing.push(user);
  return missing.sort();
}

await describeWithTool("supervisor target: every example builds and supervisord's parser reads it", hasSupervisord, () => {
  it('has examples to build', () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  for (const example of examples) {
    describe(example, () => {
      let dir: TempDir;
      let built: Built;
      let programs: ParsedProgram[];
      let stubbed: string[];

      beforeAll(async () => {
        dir = await tempDir(`orchgen-supervisor-${example}-`);
        const yaml = readFileSync(path.join(examplesDir, example, 'orchgen.yaml'), 'utf8');
        built = buildInto(dir.path, yaml, (model) => {
          model.settings.supervisor.logDir = path.join(dir.path, 'logs');
        });
        ({ programs, stubbed } = await readBackStubbingUsers(writeMainConf(dir.path, built.conf)));
      });
      afterAll(() => dir?.cleanup());

      const services = () => built.model.services.filter((s) => s.targets.includes('supervisor'));
      const find = (name: string) => programs.find((p) => p.name === name)!;

      it('builds without a refusal', () => {
        expect(built.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      });

      it('stands in only for users this machine lacks', async () => {
        expect([...new Set(stubbed)].sort()).toEqual(await missingUsers(services()));
      });

      it('makes every service and every fallback variant a program and a group of its own', () => {
        const { project } = built.model;
        expect(programs.filter((p) => p.group !== p.name)).toEqual([]);
        const mains = programs.filter((p) => !p.name.includes('--')).map((p) => p.name).sort();
        expect(mains).toEqual(services().map((s) => `${project}-${s.name}`).sort());
        const variants = programs.filter((p) => p.name.includes('--'));
        expect(variants.map((p) => p.name).sort()).toEqual(services().flatMap((s) => s.fallbacks.map((f) => `${project}-${s.name}--${f.name}`)).sort());
        expect(variants.every((p) => !p.autostart)).toBe(true);
      });

      it('reads back the command and environment of every service', () => {
        for (const service of services()) {
          const parsed = find(`${built.model.project}-${service.name}`);
          const env = Object.fromEntries(service.env);
          expect(parsed.environment).toMatchObject(env);
          const args = service.command?.kind === 'exec' ? service.command.argv : service.command ? ['/bin/sh', '-c', service.command.script] : [];
          // Secrets, and the account of a host process with a user, are set by a shell that then execs the program.
          const account = service.kind === 'process' && service.user !== undefined;
          const prefixed = (service.secrets.length > 0 || account) && service.envFiles.length === 0;
          if (prefixed) expect([...parsed.argv.slice(0, 2), parsed.argv[3]]).toEqual(['/bin/sh', '-c', 'sh']);
          if (prefixed && account) expect(parsed.argv[2]).toContain(`HOME=~${service.user}; USER=${service.user}; LOGNAME=${service.user}; export HOME USER LOGNAME; `);
          const outer = prefixed ? parsed.argv.slice(4) : parsed.argv;
          const wrapped = service.kind === 'container';
          const networked = onProjectNetwork(service);
          const head = ['/bin/sh', '-c', containerWrapper(networked), 'sh', `${built.model.project}-${service.name}`, ...(networked ? [built.model.project] : [])];
          if (wrapped) expect(outer.slice(0, head.length)).toEqual(head);
          const argv = wrapped ? outer.slice(head.length) : outer;
          if (service.kind === 'container') {
            expect(argv.slice(0, 5)).toEqual(['docker', 'run', '--rm', '--name', `${built.model.project}-${service.name}`]);
            expect(argv.slice(argv.length - args.length - 1)).toEqual([service.image, ...args]);
            const passed = argv.flatMap((arg, i) => (arg === '-e' ? [argv[i + 1]] : []));
            expect(passed).toEqual([...Object.keys(env), ...service.secrets.map((s) => s.key), ...service.envRequired.filter((k) => !(k in env))]);
          } else if (service.envFiles.length === 0) {
            expect(argv).toEqual(args);
          } else {
            expect(parsed.argv.slice(0, 2)).toEqual(['/bin/sh', '-c']);
            expect(parsed.argv.slice(parsed.argv.length - args.length)).toEqual(args);
          }
        }
      });
    });
  }
});
