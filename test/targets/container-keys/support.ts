import { rendered as renderedFiles } from '../rendered.js';

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

/** The stack rendered for every target; diagnostics as `CODE path message`. */
export function rendered(text = stack) {
  const { file, written, diagnostics } = renderedFiles(text);
  return { file, written, diagnostics: diagnostics.map((d) => `${d.code} ${d.path?.join('.') ?? ''} ${d.message}`) };
}
