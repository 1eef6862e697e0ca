import { readFileSync } from 'node:fs';
import { execa } from 'execa';
import which from '../which.js';

export interface ProcessInfo {
  name: string;
  group: string;
  statename: 'STOPPED' | 'STARTING' | 'RUNNING' | 'BACKOFF' | 'STOPPING' | 'EXITED' | 'FATAL' | 'UNKNOWN';
  start: number;
  stop: number;
  exitstatus: number;
  pid: number;
  stdout_logfile: string;
}

/**
 * supervisord's XML-RPC interface over its unix socket, through the Python that runs supervisord
 * (its own modules speak the socket transport).
 */
export async function supervisorPython(): Promise<string> {
  const supervisord = await which('supervisord');
  if (!supervisord) return 'python3';
  const shebang = readFileSync(supervisord, 'utf8').split('\n')[0] ?? '';
  return shebang.startsWith('#!') ? shebang.slice(2).trim().split(' ')[0]! : 'python3';
}

const script = `
import json, sys, xmlrpc.client
from supervisor.xmlrpc import SupervisorTransport
proxy = xmlrpc.client.ServerProxy('http://127.0.0.1', transport=SupervisorTransport(None, None, sys.argv[1]))
print(json.dumps(proxy.supervisor.getAllProcessInfo()))
`;

export async function allProcessInfo(python: string, serverUrl: string): Promise<ProcessInfo[] | undefined> {
  const result = await execa(python, ['-c', script, serverUrl], { reject: false });
  if (result.exitCode !== 0) return undefined;
  return JSON.parse(result.stdout) as ProcessInfo[];
}
