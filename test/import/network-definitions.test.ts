import { describe, expect, it } from 'vitest';
import { importText, lines, specDiagnostics } from './support.js';

/** Named networks the spec cannot hold: what each meant to the services is said once per cause, naming them. */
const compose = lines(
  'services:',
  '  proxy:',
  '    image: traefik',
  '    restart: always',
  '    networks: [edge, front]',
  '  web:',
  '    image: web',
  '    restart: always',
  '    networks:',
  '      front: { aliases: [site] }',
  '      back: { ipv4_address: 172.28.0.10 }',
  '  db:',
  '    image: postgres',
  '    restart: always',
  '    networks:',
  '      back: { ipv4_address: 172.28.0.20, ipv6_address: "fd00::20" }',
  '  cache:',
  '    image: redis',
  '    restart: always',
  '    networks:',
  '      default: { ipv4_address: 172.30.0.5, priority: 10 }',
  'networks:',
  '  edge: { external: true, name: traefik_public }',
  '  front:',
  '  back: { internal: true, ipam: { config: [ { subnet: 172.28.0.0/16 } ] } }',
  '  default: { internal: true }',
);

describe('named networks', () => {
  const { yaml, warnings } = importText(compose);

  it('say per cause what is lost: internal networks, external ones, fixed addresses; the rest of a definition once', () => {
    expect(warnings).toEqual([
      "compose.yaml:5:5: warning[W205]: `networks` of 3 services (`proxy`, `web`, `db`) dropped: orchgen has no network definitions: every service shares the Compose project's default network",
      'compose.yaml:9:5: warning[W201]: the default network settings of `web` (with the aliases it had on other networks) are kept under native.compose.networks',
      "compose.yaml:11:15: warning[W205]: fixed addresses dropped (`web`: 172.28.0.10 on `back`; `db`: 172.28.0.20 on `back`; `db`: fd00::20 on `back`; `cache`: 172.30.0.5 on `default`): on orchgen's project network the engine picks each container's address: reach each service by its name instead, wherever these addresses are written (env values, config files)",
      'compose.yaml:20:5: warning[W201]: the default network settings of `cache` are kept under native.compose.networks',
      'compose.yaml:23:11: warning[W205]: external networks dropped (`edge`: `proxy`): the services no longer join a network made outside the project, so the containers on it (a reverse proxy, another project) cannot reach them by name',
      'compose.yaml:25:3: warning[W205]: `networks.back` dropped: orchgen has no top-level networks',
      'compose.yaml:25:11: warning[W205]: internal networks dropped (`back`: `web`, `db`; `default`: `cache`): orchgen puts every container on the project network, which is not internal: these services can now reach outside the host, and every container of the project can reach them',
    ]);
  });

  it('keeps the default network\'s other settings and the aliases for Compose, never a fixed address', () => {
    expect(specDiagnostics(yaml)).toEqual([]);
    const services = yaml.slice(yaml.indexOf('services:'));
    expect(services.split('\n').filter((line) => !line.trim().startsWith('#') && /ipv[46]_address|172\.|fd00/.test(line))).toEqual([]);
    expect(services).toContain(['        networks:', '          default:', '            aliases: [site]'].join('\n'));
    expect(services).toContain(['        networks:', '          default: {priority: 10}'].join('\n'));
  });

  it('writes each cause as a comment at the top', () => {
    expect(yaml.split('\n').filter((line) => line.startsWith('# dropped'))).toEqual([
      '# dropped networks.back: {ipam: {config: [{subnet: 172.28.0.0/16}]}} (orchgen has no top-level networks)',
      "# dropped internal networks (back: web, db; default: cache): orchgen puts every container on the project network, which is not internal: these services can now reach outside the host, and every container of the project can reach them",
      '# dropped external networks (edge: proxy): the services no longer join a network made outside the project, so the containers on it (a reverse proxy, another project) cannot reach them by name',
      "# dropped fixed addresses (web: 172.28.0.10 on back; db: 172.28.0.20 on back; db: fd00::20 on back; cache: 172.30.0.5 on default): on orchgen's project network the engine picks each container's address: reach each service by its name instead, wherever these addresses are written (env values, config files)",
    ]);
  });
});
