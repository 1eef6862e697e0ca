/** W207: an imported stack with relative paths is told that systemd needs `project_dir` for them. */
import { describe, expect, it } from 'vitest';
import { importText, lines } from './support.js';

describe('relative paths in an imported stack', () => {
  it('one warning at the first of them, and a comment above `project` naming project_dir', () => {
    const { yaml, warnings } = importText(
      lines(
        'name: shop',
        'services:',
        '  db:',
        '    image: postgres:16',
        '    env_file: db.env',
        '    volumes: [./data:/var/lib/postgresql/data, pgdata:/x]',
        '  web:',
        '    image: nginx',
        '    volumes: ["./site:/usr/share/nginx/html:ro"]',
        'volumes:',
        '  pgdata: {}',
      ),
    );
    expect(warnings).toEqual([
      "compose.yaml:6:5: warning[W207]: relative paths (volumes of `db`, `web`; env_file of `db`) are found from the orchgen.yaml's folder by Compose, PM2 and supervisord; systemd places them only when `project_dir` says where they are when the stack runs (e.g. `project_dir: /srv/shop`), and Kubernetes mounts an empty folder for a relative volume without it",
    ]);
    expect(yaml.split('\n').slice(3, 6)).toEqual([
      'version: 1',
      '# the relative paths below need `project_dir` (the folder they are in where the stack runs, e.g. `project_dir: /srv/shop`) for systemd',
      'project: shop',
    ]);
  });

  it('none for absolute paths, named volumes and home paths', () => {
    const { yaml, warnings } = importText(
      lines('name: shop', 'services:', '  db:', '    image: postgres:16', '    env_file: /etc/shop/db.env', '    volumes: [pgdata:/x, /srv/a:/a, ~/b:/b]', 'volumes:', '  pgdata: {}'),
    );
    expect(warnings).toEqual([]);
    expect(yaml).not.toContain('project_dir');
  });
});
