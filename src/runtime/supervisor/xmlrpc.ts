import { processInfoFrom, type ProcessInfo } from './process-info.js';
import { encodeCall, type XmlRpcParam } from './xmlrpc-call.js';
import { SupervisordFault } from './xmlrpc-errors.js';
import { parseResponse, type XmlRpcValue } from './xmlrpc-response.js';
import { arrayFrom, scalarFrom, structFrom } from './xmlrpc-shape.js';
import { postRpc, type SupervisordServer } from './xmlrpc-transport.js';

export interface SupervisordClientOptions extends SupervisordServer {
  /** The time limit of a call that sets none of its own (default 5 s). */
  timeoutMs?: number;
}

export interface CallOptions {
  timeoutMs?: number;
}

/** The group names a reloadConfig found added, changed and removed. */
export interface ConfigChanges {
  added: string[];
  changed: string[];
  removed: string[];
}

/** How one process of a group fared in a group call (`status` is a fault code, 80 = SUCCESS). */
export interface ProcessResult {
  name: string;
  group: string;
  status: number;
  description: string;
}

/** supervisord's own state: RUNNING (1), RESTARTING (0), SHUTDOWN (-1) or FATAL (2). */
export interface SupervisordState {
  statecode: number;
  statename: string;
}

export interface SupervisordClient {
  /** Any XML-RPC method, e.g. `supervisor.getVersion`. */
  call(method: string, params?: readonly XmlRpcParam[], options?: CallOptions): Promise<XmlRpcValue>;
  getAllProcessInfo(options?: CallOptions): Promise<ProcessInfo[]>;
  /** `name` is `group:process`, or a process alone in the group of its own name. */
  getProcessInfo(name: string, options?: CallOptions): Promise<ProcessInfo>;
  /** With `wait`, answers once the process is RUNNING (startsecs passed): give a time limit beyond its startsecs. */
  startProcess(name: string, wait: boolean, options?: CallOptions): Promise<void>;
  /** With `wait`, answers once the process has stopped (up to its stopwaitsecs and the kill). */
  stopProcess(name: string, wait: boolean, options?: CallOptions): Promise<void>;
  stopProcessGroup(group: string, wait: boolean, options?: CallOptions): Promise<ProcessResult[]>;
  /** Rereads the config files; changes nothing that runs. */
  reloadConfig(options?: CallOptions): Promise<ConfigChanges>;
  addProcessGroup(group: string, options?: CallOptions): Promise<void>;
  /** The group's processes must be stopped first. */
  removeProcessGroup(group: string, options?: CallOptions): Promise<void>;
  /**
   * What `supervisorctl update` does: reread the config, stop and remove removed groups, stop,
   * remove and add changed ones, add new ones. A removed group whose processes would not stop
   * stays. Resolves to the changes reloadConfig found.
   */
  update(options?: CallOptions): Promise<ConfigChanges>;
  getPID(options?: CallOptions): Promise<number>;
  getState(options?: CallOptions): Promise<SupervisordState>;
  /** Asks supervisord to stop its processes and exit; it answers before it does. */
  shutdown(options?: CallOptions): Promise<void>;
  /** Up to `length` bytes of the process's stdout log from `offset` (negative: from the end). */
  readProcessStdoutLog(name: string, offset: number, length: number, options?: CallOptions): Promise<string>;
}

const DEFAULT_TIMEOUT_MS = 5_000;
const FAILED = 30;

/**
 * supervisord's XML-RPC interface, spoken from Node over its unix socket or its inet http server:
 * one HTTP request per call, no process spawned. A fault becomes a SupervisordFault, a missing
 * or refusing daemon a SupervisordGone, a call past its time limit a SupervisordTimeout.
 */
export function supervisordClient(options: SupervisordClientOptions): SupervisordClient {
  const call = async (method: string, params: readonly XmlRpcParam[] = [], callOptions: CallOptions = {}): Promise<XmlRpcValue> => {
    const body = encodeCall(method, params);
    const response = parseResponse(await postRpc(options, method, body, callOptions.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS));
    if ('fault' in response) throw new SupervisordFault(method, response.fault.code, response.fault.message);
    return response.value;
  };
  const names = (value: XmlRpcValue | undefined, what: string) => arrayFrom(value, what).map((name) => scalarFrom(name, 'string', what));
  const succeeded = async (method: string, params: readonly XmlRpcParam[], callOptions?: CallOptions) => {
    scalarFrom(await call(`supervisor.${method}`, params, callOptions), 'boolean', `the result of ${method}`);
  };

  const client: SupervisordClient = {
    call,
    async getAllProcessInfo(callOptions) {
      return arrayFrom(await call('supervisor.getAllProcessInfo', [], callOptions), 'a process list').map(processInfoFrom);
    },
    async getProcessInfo(name, callOptions) {
      return processInfoFrom(await call('supervisor.getProcessInfo', [name], callOptions));
    },
    startProcess: (name, wait, callOptions) => succeeded('startProcess', [name, wait], callOptions),
    stopProcess: (name, wait, callOptions) => succeeded('stopProcess', [name, wait], callOptions),
    async stopProcessGroup(group, wait, callOptions) {
      return arrayFrom(await call('supervisor.stopProcessGroup', [group, wait], callOptions), 'group results').map(processResultFrom);
    },
    async reloadConfig(callOptions) {
      const [changes] = arrayFrom(await call('supervisor.reloadConfig', [], callOptions), 'reloadConfig results');
      const [added, changed, removed] = arrayFrom(changes, 'reloadConfig results');
      return { added: names(added, 'added groups'), changed: names(changed, 'changed groups'), removed: names(removed, 'removed groups') };
    },
    addProcessGroup: (group, callOptions) => succeeded('addProcessGroup', [group], callOptions),
    removeProcessGroup: (group, callOptions) => succeeded('removeProcessGroup', [group], callOptions),
    async update(callOptions) {
      const changes = await client.reloadConfig(callOptions);
      for (const group of changes.removed) {
        const results = await client.stopProcessGroup(group, true, callOptions);
        if (!results.some((result) => result.status === FAILED)) await client.removeProcessGroup(group, callOptions);
      }
      for (const group of changes.changed) {
        await client.stopProcessGroup(group, true, callOptions);
        await client.removeProcessGroup(group, callOptions);
        await client.addProcessGroup(group, callOptions);
      }
      for (const group of changes.added) await client.addProcessGroup(group, callOptions);
      return changes;
    },
    async getPID(callOptions) {
      return scalarFrom(await call('supervisor.getPID', [], callOptions), 'number', 'a pid');
    },
    async getState(callOptions) {
      const state = structFrom(await call('supervisor.getState', [], callOptions), 'a state');
      return { statecode: scalarFrom(state.statecode, 'number', 'statecode'), statename: scalarFrom(state.statename, 'string', 'statename') };
    },
    shutdown: (callOptions) => succeeded('shutdown', [], callOptions),
    async readProcessStdoutLog(name, offset, length, callOptions) {
      return scalarFrom(await call('supervisor.readProcessStdoutLog', [name, offset, length], callOptions), 'string', 'log text');
    },
  };
  return client;
}

function processResultFrom(value: XmlRpcValue): ProcessResult {
  const struct = structFrom(value, 'a process result');
  return {
    name: scalarFrom(struct.name, 'string', 'a process name'),
    group: scalarFrom(struct.group, 'string', 'a group name'),
    status: scalarFrom(struct.status, 'number', 'a status code'),
    description: scalarFrom(struct.description, 'string', 'a description'),
  };
}
