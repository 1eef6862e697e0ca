export type Pm2Status = 'online' | 'stopping' | 'stopped' | 'launching' | 'errored' | 'one-launch-status' | 'waiting restart';

/** One process as PM2's daemon lists it (`pm2 jlist`), with the fields orchgen reads. */
export interface Pm2Process {
  name: string;
  pm_id: number;
  /** An app that stopped may still show the pid of its last run. */
  pid: number;
  monit?: { memory: number; cpu: number };
  pm2_env: {
    name: string;
    namespace?: string;
    status: Pm2Status;
    restart_time: number;
    /** The exit code of the last run, once it has exited. */
    exit_code?: number;
    /** When the current run started (ms since the epoch). */
    pm_uptime?: number;
    pm_out_log_path?: string;
    pm_err_log_path?: string;
    pm_exec_path?: string;
    /** The environment the process was started with. */
    env?: Record<string, string>;
    [key: string]: unknown;
  };
}
