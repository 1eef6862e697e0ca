import { parseHostPort } from '../../model/host-port.js';
import { monitorServiceName } from '../../spec/monitor-service-name.js';
import type { Fallback, Model } from '../../model/types.js';
import { planOf } from '../../pipeline/compile.js';
import { serveApi, type ApiServer } from '../../runtime/monitor/api/server.js';
import { MonitorMetrics } from '../../runtime/monitor/metrics.js';
import { Monitor } from '../../runtime/monitor/monitor.js';
import { MonitorState } from '../../runtime/monitor/state.js';
import { readState } from '../../runtime/state.js';
import type { MonitorFlags } from '../commands/monitor.js';
import type { Io } from '../io.js';
import { liveMonitor, type LiveMonitor } from '../live/live-monitor.js';
import { attachRuntime } from './runtime-setup.js';

/** Watches the stack `up` brought up on the target until interrupted; 0 when stopped by a signal, 1 on bad input. */
export async function runMonitor(io: Io, flags: MonitorFlags): Promise<number> {
  const runtime = await attachRuntime(io, flags);
  if (typeof runtime === 'number') return runtime;
  const listen = listenOf(flags.listen);
  if (listen === null) {
    io.err(`--listen ${flags.listen}: expected HOST:PORT such as 127.0.0.1:9786\n`);
    return 1;
  }
  const model = onTarget(runtime.context.model, flags.target, listen);
  const state = new MonitorState(model, planOf(model), flags.target);
  const metrics = new MonitorMetrics(flags.target, model.services.map((s) => s.name));
  const variants = variantsOf(model, runtime.context.stateDir, flags.target);
  /** Drawn once the API listens, on a terminal that fits one (see liveViewFits), without --json. */
  let live: LiveMonitor | undefined;
  const write = (line: string) => (live ? live.note(line) : io.out(flags.json ? `${JSON.stringify({ at: new Date().toISOString(), event: line })}\n` : `${line}\n`));
  const monitor = new Monitor(state, runtime.driver, metrics, variants, write);
  let api: ApiServer;
  try {
    api = await serveApi(state, monitor, process.env[model.monitor.tokenEnv]);
  } catch (error) {
    io.err(`orchgen monitor: ${(error as Error).message}\n`);
    return 1;
  }
  if (io.terminal && !flags.json) live = liveMonitor(io.terminal, state, variants);
  write(`monitoring ${model.project} on ${flags.target}: ${model.services.length} services; API and metrics at ${api.url}`);
  monitor.start();
  await interrupted();
  await monitor.stop();
  await api.close();
  live?.end();
  write('monitor stopped');
  return 0;
}

function listenOf(text: string | undefined): Model['monitor']['listen'] | undefined | null {
  if (text === undefined) return undefined;
  const match = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):([0-9]{1,5})$/.exec(text);
  if (!match || Number(match[2]) > 65_535) return null;
  return parseHostPort(text);
}

/** The services of this target only (not the supervised monitor itself), and the listen address the command line gave. */
function onTarget(model: Model, target: string, listen: Model['monitor']['listen'] | undefined): Model {
  const services = model.services.filter((s) => (s.targets as readonly string[]).includes(target) && s.name !== monitorServiceName);
  return { ...model, services, monitor: { ...model.monitor, ...(listen ? { listen } : {}) } };
}

/** The variant each service runs as, from what `up` recorded. */
function variantsOf(model: Model, stateDir: string, target: string): Map<string, Fallback | undefined> {
  const recorded = readState(stateDir, model.project, target).services;
  return new Map(model.services.map((s) => [s.name, s.fallbacks.find((f) => f.name === recorded[s.name]?.variant)]));
}

function interrupted(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
  });
}
