import type { Service } from '../model/types.js';
import type { Driver } from './driver.js';
import { processRecord, stopRecorded } from './process-record.js';
import type { Recorded } from './remains.js';
import type { RuntimeState } from './state.js';

/**
 * The driver, with every main process it reports for a service recorded in the state (written at
 * once): if the tool goes away, what it ran can still be found and stopped.
 */
export function recordingProcesses(driver: Driver, state: RuntimeState, save: () => void): Driver {
  const recordingState = async (service: Service) => {
    const current = await driver.state(service);
    const record = state.services[service.name];
    if (record && current.running && current.pid !== undefined && record.process?.pid !== current.pid) {
      const process = processRecord(current.pid);
      if (process) {
        record.process = process;
        save();
      }
    }
    return current;
  };
  // A proxy rather than a copy: a driver's methods live on its class and keep their own `this`.
  return new Proxy(driver, {
    get(target, key) {
      if (key === 'state') return recordingState;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * Stops the service's recorded main process if it still runs although its tool no longer looks
 * after it (the tool was killed, or the tool stopped it and it survived). Resolves to its pid then.
 */
export async function stopOrphan(service: Service, state: RuntimeState): Promise<number | undefined> {
  const record = state.services[service.name]?.process;
  if (!record) return undefined;
  return (await stopRecorded(record, service.stop.signal, service.stop.timeoutMs)) ? record.pid : undefined;
}

/** The main processes the state records, by service. */
export function recordedProcesses(state: RuntimeState, services?: readonly Service[]): Recorded[] {
  const wanted = services && new Set(services.map((s) => s.name));
  return Object.entries(state.services).flatMap(([service, record]) => (record.process && (!wanted || wanted.has(service)) ? [{ service, process: record.process }] : []));
}
