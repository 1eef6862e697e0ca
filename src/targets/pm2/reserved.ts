/**
 * PM2 7 copies an app's `env` into the same record as the app's own settings and its bookkeeping, then
 * hands every plain field of that record to the process as its environment. An env key named like one
 * of these fields either changes the app (`script`, `cwd`, `pm_exec_path`...) or is overwritten by PM2.
 */
const appSettings = [
  'append_env_to_name', 'args', 'automation', 'autorestart', 'autostart', 'combine_logs', 'cron', 'cron_restart',
  'cwd', 'deep_monitoring', 'disable_logs', 'disable_source_map_support', 'disable_trace', 'env', 'err', 'err_file',
  'err_log', 'error', 'error_file', 'event_loop_inspector', 'exec', 'exec_interpreter', 'exec_mode', 'execute_command',
  'exp_backoff_restart_delay', 'filter_env', 'force', 'gid', 'ignore_watch', 'increment_var', 'install_url',
  'instance_var', 'instances', 'interpreter', 'interpreterArgs', 'interpreter_args', 'io', 'kill_retry_time',
  'kill_timeout', 'listen_timeout', 'log', 'log_date_format', 'log_file', 'log_type', 'max_memory_restart',
  'max_restarts', 'merge_logs', 'min_uptime', 'name', 'name_prefix', 'namespace', 'node_args', 'out', 'out_file',
  'out_log', 'output', 'pid', 'pid_file', 'pmx', 'port', 'post_update', 'restart_delay', 'script',
  'shutdown_with_message', 'source_map_support', 'stop_exit_codes', 'time', 'trace', 'treekill', 'uid', 'user',
  'username', 'v8', 'vizion', 'wait_ready', 'watch', 'watch_delay', 'watch_options', 'windowsHide', 'write',
];

const bookkeeping = [
  'PM2_HOME', 'axm_actions', 'axm_dynamic', 'axm_monitor', 'axm_options', 'created_at', 'exit_code', 'km_link',
  'node_version', 'pm_cwd', 'pm_err_log_path', 'pm_exec_path', 'pm_id', 'pm_log_path', 'pm_out_log_path',
  'pm_pid_path', 'pm_uptime', 'prev_restart_delay', 'restart_time', 'status', 'unique_id', 'unstable_restarts',
  'version', 'versioning', 'vizion_running',
];

export const pm2OwnKeys: ReadonlySet<string> = new Set([...appSettings, ...bookkeeping]);

/** Variables a POSIX shell sets for itself: they do not pass through `/bin/sh` unchanged. */
export const shellOwnKeys: ReadonlySet<string> = new Set(['IFS', 'LINENO', 'OPTIND', 'PPID', 'PWD']);

/** Variables the docker CLI reads for itself, besides any `DOCKER_*`: where it finds docker and its config. */
export const dockerCliKeys: ReadonlySet<string> = new Set(['HOME', 'PATH']);
