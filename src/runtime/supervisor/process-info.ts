import { SupervisordProtocolError } from './xmlrpc-errors.js';
import type { XmlRpcValue } from './xmlrpc-response.js';
import { structFrom } from './xmlrpc-shape.js';

export type ProcessStateName = 'STOPPED' | 'STARTING' | 'RUNNING' | 'BACKOFF' | 'STOPPING' | 'EXITED' | 'FATAL' | 'UNKNOWN';

/** What supervisord's getProcessInfo tells of one process (times in seconds since the epoch, 0 for never). */
export interface ProcessInfo {
  name: string;
  group: string;
  description: string;
  start: number;
  stop: number;
  now: number;
  state: number;
  statename: ProcessStateName;
  /** Why the last spawn failed, '' when it did not. */
  spawnerr: string;
  exitstatus: number;
  logfile: string;
  stdout_logfile: string;
  stderr_logfile: string;
  /** 0 when the process is not running. */
  pid: number;
}

const STRINGS = ['name', 'group', 'description', 'statename', 'spawnerr', 'logfile', 'stdout_logfile', 'stderr_logfile'] as const;
const NUMBERS = ['start', 'stop', 'now', 'state', 'exitstatus', 'pid'] as const;

/** The process info in a getProcessInfo answer, checked field by field. */
export function processInfoFrom(value: XmlRpcValue): ProcessInfo {
  const struct = structFrom(value, 'process info');
  for (const key of STRINGS) if (typeof struct[key] !== 'string') throw missing(key);
  for (const key of NUMBERS) if (typeof struct[key] !== 'number') throw missing(key);
  return struct as unknown as ProcessInfo;
}

function missing(key: string): SupervisordProtocolError {
  return new SupervisordProtocolError(`supervisord sent process info without ${key}`);
}
