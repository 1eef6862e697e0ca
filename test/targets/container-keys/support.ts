import { renderTargets } from '../../../src/pipeline/render.js';
import { compileText } from '../../../src/pipeline/compile.js';
import { targetNames } from '../../../src/targets/all.js';
import { planFiles } from '../../../src/output/plan.js';

/** A stack of one container that sets every container-only key, with values each target must escape its own way. */
export const stack = [
  'version: 1',
  'project: demo',
  'services:',
  '  probe:',
  '    image: busybox',
  "    entrypoint: [/bin/sh, -c, 'echo \"$0\" \"$@\"; exec sleep 3600', 'first $HOME']",
  '    command: [second, "a b"]',
  '    restart: always',
  '    cap_add: [NET_ADMIN, SYS_TIME]',
  '    cap_drop: [MKNOD]',
  '    extra_hosts: {db.internal: 10.0.0.5, cache: 10.0.0.5, gateway: host-gateway, v6: "::1"}',
  '    init: true',
  '    logging: {driver: json-file, options: {max-size: 10m, tag: "{{.Name}} $x"}}',
  '',
].join('\n');

/** Each file's lines as a target renders it (`file`) and as `orchgen build` writes it, header included (`written`). */
export function rendered(text = stack) {
  const compiled = compileText('orchgen.yaml', text, targetNames);
  if (!compiled.model || !compiled.plan) throw new Error(`spec does not compile: ${compiled.diagnostics.map((d) => d.message).join('; ')}`);
  const { artifacts, diagnostics } = renderTargets({ model: compiled.model, plan: compiled.plan }, targetNames, { specFile: '/stack/orchgen.yaml', outDir: '/stack/out' });
  const planned = planFiles(artifacts, '/stack/orchgen.yaml', '/stack/out');
  const file = (path: string) => artifacts.find((a) => a.path === path)?.content.split('\n');
  const written = (path: string) => planned.find((f) => f.path === path)?.content.split('\n');
  return { file, written, diagnostics: diagnostics.map((d) => `${d.code} ${d.path?.join('.') ?? ''} ${d.message}`) };
}
