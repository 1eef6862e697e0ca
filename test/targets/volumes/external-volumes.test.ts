import { describe, expect, it } from 'vitest';
import { schemaErrors } from '../compose/support.js';
import { rendered } from '../rendered.js';

/** A volume of an earlier deployment under its own name, one external by its key, one named, one the project's own. */
const stack = [
  'version: 1',
  'project: demo',
  'services:',
  '  db:',
  '    image: postgres:16',
  '    restart: always',
  '    volumes: [pgdata:/var/lib/postgresql/data, cache:/cache, scratch:/scratch]',
  '  web:',
  '    image: nginx',
  '    restart: always',
  '    volumes: [media:/media:ro, cache:/cache]',
  'volumes:',
  '  pgdata: {external: true, name: legacy_pgdata}',
  '  media: {external: true}',
  '  cache: {name: shared_cache}',
  '',
].join('\n');

/** What every container target checks before `docker run`, which would make a missing volume new and empty. */
const check = (engine: string, names: string) =>
  `for volume in ${names}; do ${engine} volume inspect "$volume" >/dev/null 2>&1 || { echo "external volume $volume does not exist: the stack never makes it; create or restore it first (${engine} volume create $volume)" >&2; exit 1; }; done; `;

describe('named and external volumes on every target', () => {
  const { file, written, diagnostics } = rendered(stack);

  it('builds without a warning', () => {
    expect(diagnostics).toEqual([]);
  });

  it('compose: declares each volume with its name, and the external ones as external', async () => {
    const compose = file('compose/compose.yaml')!;
    expect(compose.slice(compose.indexOf('volumes:'))).toEqual([
      'volumes:',
      '  pgdata:',
      '    name: "legacy_pgdata"',
      '    external: true',
      '  cache:',
      '    name: "shared_cache"',
      '  scratch: {}',
      '  media:',
      '    external: true',
      '',
    ]);
    expect(await schemaErrors(compose.join('\n'))).toEqual([]);
  });

  it('systemd: the engine names, no project prefix for a declared volume; the start checks the external ones first', () => {
    const unit = written('systemd/demo-db.service')!;
    expect(unit.filter((line) => line.startsWith('ExecStart') || line.includes('external'))).toEqual([
      '# NOTE: mounts the external volume legacy_pgdata, which the stack never makes: the start fails while it is missing',
      `ExecStartPre=/bin/sh -c "${check('/usr/bin/docker', 'legacy_pgdata').trimEnd().replace(/"/g, '\\"').replace(/\$/g, '$$$$')}"`,
      'ExecStartPre=-/usr/bin/docker rm -f demo-db',
      'ExecStart=/usr/bin/docker run --rm --name demo-db --network demo_default --network-alias db -v legacy_pgdata:/var/lib/postgresql/data -v shared_cache:/cache -v demo_scratch:/scratch --stop-signal SIGTERM --stop-timeout 10 postgres:16',
    ]);
    expect(written('systemd/demo-web.service')!.find((line) => line.startsWith('ExecStart='))).toBe(
      'ExecStart=/usr/bin/docker run --rm --name demo-web --network demo_default --network-alias web -v media:/media:ro -v shared_cache:/cache --stop-signal SIGTERM --stop-timeout 10 nginx',
    );
  });

  it('pm2: the wrapper checks the external volumes before anything else; docker run mounts the engine names', () => {
    const lines = written('pm2/ecosystem.config.cjs')!;
    expect(lines.filter((line) => line.includes('External volumes'))).toEqual([
      '// NOTE: External volumes are mounted as they are and never made or removed: a container does not start while one is missing (docker run would make it new and empty): legacy_pgdata (db), media (web).',
    ]);
    const wrappers = lines.filter((line) => line.startsWith('        "name=$1;')).map((line) => JSON.parse(line.trim().replace(/,$/, '')) as string);
    expect(wrappers.map((w) => w.slice(0, w.indexOf('network='))).map((w) => w.replace('name=$1; project=$2; shift 2; ', ''))).toEqual([check('docker', 'legacy_pgdata'), check('docker', 'media')]);
    const volumes = lines.map((line, i) => (line === '        "-v",' ? lines[i + 1]!.trim() : undefined)).filter(Boolean);
    expect(volumes).toEqual(['"legacy_pgdata:/var/lib/postgresql/data",', '"shared_cache:/cache",', '"demo_scratch:/scratch",', '"media:/media:ro",', '"shared_cache:/cache",']);
  });

  it('supervisord: the same check and the same names', () => {
    const conf = written('supervisor/demo.conf')!;
    expect(conf).toContain('# NOTE: External volumes are mounted as they are and never made or removed: a container does not start while one is missing (docker run would make it new and empty): legacy_pgdata (db), media (web).');
    const command = conf.find((line) => line.startsWith('command=') && line.includes(' sh demo-web '))!;
    expect(command.startsWith(`command=/bin/sh -c 'name=$1; project=$2; shift 2; ${check('docker', 'media')}network=`)).toBe(true);
    expect(command.slice(command.indexOf(' sh demo-web '))).toBe(' sh demo-web demo docker run --rm --name demo-web --network demo_default --network-alias web -v media:/media:ro -v shared_cache:/cache --stop-signal SIGTERM --stop-timeout 10 nginx');
  });

  it('k8s: claims named after the engine names; none made for an external volume, whose claim the pods wait for', () => {
    const claims = (path: string) => {
      const lines = file(path)!;
      return lines.slice(lines.indexOf('      volumes:'), -1);
    };
    expect(claims('k8s/base/db.yaml')).toEqual([
      '      volumes:',
      '        - name: "pgdata"',
      '          persistentVolumeClaim:',
      '            claimName: "legacy-pgdata"',
      '        - name: "cache"',
      '          persistentVolumeClaim:',
      '            claimName: "shared-cache"',
      '        - name: "scratch"',
      '          persistentVolumeClaim:',
      '            claimName: "demo-scratch"',
    ]);
    expect(claims('k8s/base/web.yaml')).toEqual([
      '      volumes:',
      '        - name: "media"',
      '          persistentVolumeClaim:',
      '            claimName: "media"',
      '        - name: "cache"',
      '          persistentVolumeClaim:',
      '            claimName: "shared-cache"',
    ]);
    expect(file('k8s/base/volumes.yaml')!.filter((line) => line.startsWith('  name:'))).toEqual(['  name: "shared-cache"', '  name: "demo-scratch"']);
    expect(written('k8s/kustomization.yaml')).toContain(
      '# NOTE: External volumes are PersistentVolumeClaims made outside the stack, which no file here creates: a pod that mounts one stays Pending until it exists in the namespace: legacy-pgdata (legacy_pgdata as a DNS name), media.',
    );
  });

  it('a fallback that mounts an external volume checks it in its own variant only', () => {
    const variant = rendered(
      stack.replace('    volumes: [media:/media:ro, cache:/cache]', '    volumes: [cache:/cache]\n    fallbacks:\n      - name: archive\n        set: {volumes: [media:/media:ro]}'),
    );
    expect(variant.file('systemd/demo-web.service')!.filter((line) => line.startsWith('ExecStartPre='))).toEqual(['ExecStartPre=-/usr/bin/docker rm -f demo-web']);
    expect(variant.file('systemd/fallbacks/web/archive.conf')!.filter((line) => line.startsWith('ExecStartPre='))).toEqual([
      'ExecStartPre=',
      `ExecStartPre=/bin/sh -c "${check('/usr/bin/docker', 'media').trimEnd().replace(/"/g, '\\"').replace(/\$/g, '$$$$')}"`,
      'ExecStartPre=-/usr/bin/docker rm -f demo-web',
    ]);
    expect(variant.file('compose/fallbacks/web.archive.yaml')!.slice(-4)).toEqual(['volumes:', '  media:', '    external: true', '']);
  });
});
