import { describe, expect, it } from 'vitest';
import { errorsOf, renderSpec } from './support.js';

/** A one-service spec; `body` is the service's YAML, indented by four spaces. */
const spec = (body: string, service = 's') => `version: 1\nproject: p\nservices:\n  ${service}:\n${body}`;

describe('E301: what systemd cannot carry exactly is refused, naming service, key and target', () => {
  it('a NUL in an env value', () => {
    const rendered = renderSpec(spec('    command: [/bin/true]\n    env: { OK: "fine", BAD: "a\\0b" }\n'));
    expect(errorsOf(rendered)).toEqual([
      expect.objectContaining({
        code: 'E301',
        path: ['services', 's', 'env', 'BAD'],
        message: 'systemd cannot carry env BAD of service "s" exactly: it contains a NUL character, which no process environment or argument can hold',
      }),
    ]);
  });

  it('a lone surrogate in an argument', () => {
    const rendered = renderSpec(spec('    command: [/bin/echo, "ok", "\\uD800"]\n'));
    expect(errorsOf(rendered)).toEqual([
      expect.objectContaining({ code: 'E301', path: ['services', 's', 'command', 2], message: expect.stringMatching(/^systemd cannot carry command argument 2 of service "s" exactly: .*surrogate/) }),
    ]);
  });

  it('a NUL in a container env value, which would reach the engine CLI', () => {
    const rendered = renderSpec(spec('    image: busybox\n    env: { BAD: "\\0" }\n'));
    expect(errorsOf(rendered).map((d) => d.path)).toEqual([['services', 's', 'env', 'BAD']]);
  });

  it.each([
    ['-x', 'ExecStart= prefix'],
    ['@x', 'ExecStart= prefix'],
    ['bin/tool', 'relative path'],
    ['/opt/a"b', 'quotes'],
    ['', 'empty'],
    ['/', 'folder'],
    ['/opt/a/', 'folder'],
    ['.', 'folder'],
    ['..', 'folder'],
    [';', 'separates commands'],
  ])('the program %j', (program, reason) => {
    const rendered = renderSpec(spec(`    command: [${JSON.stringify(program)}, arg]\n`));
    expect(errorsOf(rendered)).toEqual([
      expect.objectContaining({ code: 'E301', path: ['services', 's', 'command', 0], message: expect.stringContaining(reason) }),
    ]);
    expect(rendered.artifacts[0]!.content).not.toContain('ExecStart=');
  });

  it('a relative env_file, with a hint to set project_dir or write an absolute path', () => {
    const rendered = renderSpec(spec('    command: [/bin/true]\n    env_file: [/etc/ok.env, ./s.env]\n'));
    expect(errorsOf(rendered)).toEqual([
      expect.objectContaining({
        code: 'E301',
        path: ['services', 's', 'env_file', 1],
        message: 'systemd cannot carry env_file "./s.env" of service "s" exactly: a relative path cannot be placed in a unit that is installed elsewhere',
        hint: "set `project_dir` to the folder the stack's files are in where it runs (`project_dir: /srv/p` makes this /srv/p/s.env), or write an absolute path",
      }),
    ]);
  });

  it('a relative bind volume source of a container', () => {
    const rendered = renderSpec(spec('    image: busybox\n    volumes: ["./data:/data"]\n'));
    expect(errorsOf(rendered)).toEqual([
      expect.objectContaining({
        code: 'E301',
        path: ['services', 's', 'volumes', 0],
        message: 'systemd cannot carry volume source "./data" of service "s" exactly: a relative path cannot be placed in a unit that is installed elsewhere',
        hint: "set `project_dir` to the folder the stack's files are in where it runs (`project_dir: /srv/p` makes this /srv/p/data), or write an absolute path",
      }),
    ]);
  });

  it('a bind source in the home folder: project_dir does not help, the hint says so', () => {
    const rendered = renderSpec(spec('    image: busybox\n    volumes: ["~/cache:/cache"]\n'));
    expect(errorsOf(rendered)).toEqual([
      expect.objectContaining({
        code: 'E301',
        path: ['services', 's', 'volumes', 0],
        hint: 'write an absolute path: `~` is expanded by a shell, which no unit runs the path through',
      }),
    ]);
  });

  it('a workdir that ends in a space (systemd strips it)', () => {
    const rendered = renderSpec(spec('    command: [/bin/true]\n    workdir: "/srv/app "\n'));
    expect(errorsOf(rendered)).toEqual([expect.objectContaining({ code: 'E301', path: ['services', 's', 'workdir'] })]);
  });

  it('a native value over two lines', () => {
    const rendered = renderSpec(spec('    command: [/bin/true]\n    native: { systemd: { Service: { Nice: "1\\nUser=root" } } }\n'));
    expect(errorsOf(rendered)).toEqual([expect.objectContaining({ code: 'E301', path: ['services', 's', 'native', 'systemd', 'Service', 'Nice'] })]);
  });

  it("a fallback's own value is refused at the fallback; the service's values are reported once", () => {
    const rendered = renderSpec(
      spec('    command: [/bin/true]\n    env: { A: "\\0" }\n    fallbacks:\n      - name: alt\n        set: { env: { B: "x\\0" } }\n'),
    );
    expect(errorsOf(rendered).map((d) => [d.path, d.message])).toEqual([
      [['services', 's', 'env', 'A'], expect.stringContaining('env A of service "s" exactly')],
      [['services', 's', 'fallbacks', 0, 'set', 'env', 'B'], expect.stringContaining('env B of service "s" (fallback "alt") exactly')],
    ]);
  });

  it('everything else is carried: no diagnostics for hostile but valid values', () => {
    const hostile = ['%n', '$HOME', "it's", '"q"', ' ;', ' #x', 'a\nb', 'back\\slash\\', 'ünï 😀', '', '  pad  ', '[section]', '\t\x01\x1b\x7f', ';'];
    const env = hostile.map((v, i) => `      K${i}: ${JSON.stringify(v)}`).join('\n');
    const rendered = renderSpec(spec(`    command: ${JSON.stringify(['/bin/echo', ...hostile])}\n    env:\n${env}\n`));
    expect(rendered.diagnostics).toEqual([]);
  });
});
