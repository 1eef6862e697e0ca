/**
 * The supervisord `up` starts for a project: its socket, pid file and log in the state folder,
 * and the generated programs included.
 */
export function runtimeConf(stateDir: string, programs: string): string {
  return [
    '[unix_http_server]',
    `file=${stateDir}/supervisor.sock`,
    'chmod=0700',
    '',
    '[supervisord]',
    `pidfile=${stateDir}/supervisord.pid`,
    `logfile=${stateDir}/supervisord.log`,
    `childlogdir=${stateDir}`,
    '',
    '[rpcinterface:supervisor]',
    'supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface',
    '',
    '[supervisorctl]',
    `serverurl=unix://${stateDir}/supervisor.sock`,
    '',
    '[include]',
    `files=${programs}`,
    '',
  ].join('\n');
}

/**
 * The generated conf as `up` runs it: autostart off, since supervisord would start every program
 * at once, by priority, waiting for nothing, while `up` starts each once its dependencies are
 * healthy; and without any [group:] section (the conf writes none, but one added by hand would
 * make supervisord reload the changed group whole, while `up` restarts only the programs that changed). Every program section is byte for byte.
 */
export function startableCopy(conf: string): string {
  return conf.replace(/^autostart\s*=\s*true\s*$/gm, 'autostart=false').replace(/^\[group:[^\]]*\]\n(?:[^[\n].*\n)*/gm, '');
}
