import type { Service } from '../../model/types.js';

/** How PM2 carries a setting in its own way: one header note per kind, naming the services. */
interface Remark {
  about(service: Service): string | undefined;
  text: (services: string) => string;
}

const remarks: Remark[] = [
  {
    about: (s) => (s.kind === 'container' ? s.name : undefined),
    text: (list) => `Containers run under /bin/sh, which frees the name, runs \`docker run\` and on stop calls \`docker stop\` (the container's own signal and timeout): ${list}.`,
  },
  {
    about: (s) => (s.kind === 'process' && s.restart.policy === 'on-failure' ? s.name : undefined),
    text: (list) => `PM2 reports a process killed by a signal as exit code 0, so on-failure (stop_exit_codes [0]) does not restart it: ${list}.`,
  },
  {
    about: (s) => (s.restart.policy !== 'no' && s.restart.maxAttempts !== undefined ? `${s.name} (${s.restart.maxAttempts})` : undefined),
    text: (list) => `max_restarts counts every exit (min_uptime is out of reach) and is one more than the restarts allowed; an app that gave up after a restart delay stays listed as \`waiting restart\`: ${list}.`,
  },
  {
    about: (s) => (s.kind === 'process' && s.user !== undefined ? `${s.name} (${s.user})` : undefined),
    text: (list) => `uid: PM2 switches user, group and HOME only when its daemon runs as root, and otherwise refuses the whole file: ${list}.`,
  },
  {
    about: (s) => (s.kind === 'process' && s.resources.memoryBytes !== undefined ? s.name : undefined),
    text: (list) => `max_memory_restart restarts a process that grows past its memory limit; it does not cap it: ${list}.`,
  },
  {
    about: (s) => (s.kind === 'process' && s.envFiles.length > 0 ? s.name : undefined),
    text: (list) => `env_file is read literally, as \`docker run --env-file\` reads it (KEY=VALUE, no quotes or \`$\` expansion), and its values override env: ${list}.`,
  },
  {
    about: (s) => (s.envRequired.length > 0 ? `${s.name} (${s.envRequired.join(', ')})` : undefined),
    text: (list) => `Set these variables in the environment of \`pm2 start\`; while one is unset the file does not load: ${list}.`,
  },
  {
    about: (s) => (s.envOptional.length > 0 ? `${s.name} (${s.envOptional.join(', ')})` : undefined),
    text: (list) => `These variables are passed on from the environment of \`pm2 start\` when set there; an unset one is left out of the app's env: ${list}.`,
  },
  {
    about: (s) => (s.secrets.length > 0 ? `${s.name} (${s.secrets.map(({ key, from }) => (key === from ? key : `${key} from $${from}`)).join(', ')})` : undefined),
    text: (list) => `Secrets are read by secret() from the environment of \`pm2 start\`, never written here; the PM2 daemon then holds them (pm2 env shows them, pm2 save writes them to its dump file): ${list}.`,
  },
];

export function remarksFor(services: readonly Service[]): string[] {
  return remarks.flatMap((remark) => {
    const about = [...new Set(services.map((s) => remark.about(s)).filter((a): a is string => a !== undefined))];
    return about.length === 0 ? [] : [remark.text(about.join(', '))];
  });
}
