/**
 * The observable behaviour every target is held to, written once. Each check reads the recorded
 * run (scenario.ts): the services' own timestamps and the independent looks. `holds` says whether
 * the target behaved as the spec says; `detail` says what was seen either way.
 */
import { timesOf } from './events.js';
import { FIXTURE, type ServiceName } from './fixture/spec.js';
import type { Observations } from './scenario.js';

export interface Outcome {
  holds: boolean;
  detail: string;
  /** What the check needs did not happen (a service never started, ...): it failed for that, not for the behaviour. */
  missing?: boolean;
}

export interface Check {
  id: CheckId;
  /** The row in README's table. */
  concern: string;
  judge(o: Observations): Outcome;
}

export type CheckId =
  | 'start-order'
  | 'crash-restart'
  | 'restart-delay'
  | 'dependents-kept'
  | 'max-attempts'
  | 'stop-order'
  | 'stop-timeout'
  | 'nothing-left'
  | 'env'
  | 'named-volume'
  | 'failed-start';

const fmt = (seconds: number) => `${seconds.toFixed(1)} s`;
const starts = (o: Observations, s: string) => timesOf(o.events[s] ?? [], 'start');
const outcome = (problems: string[], seen: string[], missing = false): Outcome => ({ holds: problems.length === 0, detail: [...problems, ...seen].join('; '), ...(missing ? { missing } : {}) });

function startOrder(o: Observations): Outcome {
  const problems: string[] = [];
  const seen: string[] = [];
  let missing = false;
  for (const [dependent, dependency] of FIXTURE.dependencies) {
    const started = starts(o, dependent)[0];
    const ready = timesOf(o.events[dependency] ?? [], 'ready')[0];
    if (started === undefined || ready === undefined) {
      missing = true;
      problems.push(started === undefined ? `${dependent} never started` : `${dependent} started but ${dependency} was never ready`);
    } else if (started < ready) problems.push(`${dependent} started ${fmt(ready - started)} before ${dependency} was ready`);
    else seen.push(`${dependent} started ${fmt(started - ready)} after ${dependency} was ready`);
  }
  return outcome(problems, seen, missing);
}

/** The store's first start after the crash, in seconds after it. */
function restartGap(o: Observations): number | undefined {
  if (!o.crash) return undefined;
  const next = starts(o, 'store').find((t) => t > o.crash!.at);
  return next === undefined ? undefined : next - o.crash.at;
}

function crashRestart(o: Observations): Outcome {
  if (!o.crash) return { holds: false, detail: 'store was not running to be crashed' };
  const gap = restartGap(o);
  if (gap === undefined) return { holds: false, detail: 'store was not started again after it was killed' };
  const running = o.crash.after.processes.get('store')?.length ?? 0;
  return { holds: running === 1, detail: `store started again ${fmt(gap)} after it was killed; ${running} process(es) of it then` };
}

const DELAY_SLACK = 5;

function restartDelay(o: Observations): Outcome {
  const gap = restartGap(o);
  const delay = FIXTURE.restartDelay.store!;
  if (gap === undefined) return { holds: false, detail: 'store was not restarted', missing: true };
  const holds = gap >= delay - 0.1 && gap <= delay + DELAY_SLACK;
  return { holds, detail: `store restarted ${fmt(gap)} after the crash (spec: delay ${delay} s)` };
}

function dependentsKept(o: Observations): Outcome {
  if (!o.crash) return { holds: false, detail: 'store was not running to be crashed' };
  const problems: string[] = [];
  const between = (t: number) => t > o.crash!.at && t < o.stop.began;
  for (const s of ['api', 'worker']) {
    const restarted = starts(o, s).filter(between).length;
    const stopped = timesOf(o.events[s] ?? [], 'term').filter(between).length;
    if (restarted > 0 || stopped > 0) problems.push(`${s} was stopped ${stopped}, started ${restarted} time(s) after store crashed`);
    if ((o.crash.after.processes.get(s) ?? []).length !== 1) problems.push(`${s} was not running once store was back`);
  }
  return outcome(problems, problems.length === 0 ? ['api and worker kept running, untouched, while store restarted'] : []);
}

function maxAttempts(o: Observations): Outcome {
  const want = 1 + FIXTURE.flaky.maxAttempts;
  const got = starts(o, 'flaky').length;
  const running = o.settled.processes.has('flaky');
  return { holds: got === want && !running, detail: `flaky started ${got} time(s) (spec: 1 + max_attempts ${FIXTURE.flaky.maxAttempts} = ${want})${running ? ', still running' : ''}` };
}

/** When a service was asked to stop: its own record of the signal, else when its process went. */
const stopAsked = (o: Observations, s: string) => timesOf(o.events[s] ?? [], 'term').find((t) => t >= o.stop.began) ?? o.vanished[s];
/** When it went: its own record of a clean exit, else the first look without it (up to a poll late). */
const stopGone = (o: Observations, s: string) => timesOf(o.events[s] ?? [], 'exit').find((t) => t >= o.stop.began) ?? o.vanished[s];

const ORDER_SLACK = 0.25;

function stopOrder(o: Observations): Outcome {
  const problems: string[] = [];
  const seen: string[] = [];
  let missing = false;
  for (const [dependent, dependency] of FIXTURE.dependencies) {
    const gone = stopGone(o, dependent);
    const asked = stopAsked(o, dependency);
    if (!o.beforeStop.processes.has(dependent) || !o.beforeStop.processes.has(dependency) || gone === undefined || asked === undefined) {
      missing = true;
      problems.push(`${dependent} and ${dependency} were not both running before the stop, or did not stop`);
    } else if (asked < gone - ORDER_SLACK) problems.push(`${dependency} was stopped ${fmt(gone - asked)} before ${dependent} had gone`);
    else seen.push(`${dependency} was stopped after ${dependent} had gone`);
  }
  return outcome(problems, seen, missing);
}

const TIMEOUT_SLACK = 2.5;

function stopTimeout(o: Observations): Outcome {
  const problems: string[] = [];
  const seen: string[] = [];
  for (const s of o.beforeStop.processes.keys()) {
    const asked = stopAsked(o, s);
    const gone = stopGone(o, s);
    const limit = FIXTURE.stopTimeout[s as ServiceName];
    if (asked === undefined || gone === undefined) problems.push(`${s} did not stop`);
    else if (gone - asked > limit + TIMEOUT_SLACK) problems.push(`${s} took ${fmt(gone - asked)} to go (stop timeout ${limit} s)`);
    else seen.push(`${s} went ${fmt(gone - asked)} after it was asked (stop timeout ${limit} s)`);
  }
  if (o.stop.exitCode !== 0) problems.push(`the stop command exited ${o.stop.exitCode}: ${o.stop.output.trim().split('\n').slice(-3).join(' | ')}`);
  return outcome(problems, seen);
}

function nothingLeft(o: Observations): Outcome {
  const processes = [...o.afterStop.processes.keys()];
  const containers = o.afterStop.containers.map((c) => `${c.name} (${c.state})`);
  const problems = [...processes.map((p) => `process of ${p} still running`), ...containers.map((c) => `container ${c} left`)];
  return outcome(problems, problems.length === 0 ? ['no process and no container left'] : []);
}

function envReached(o: Observations): Outcome {
  const recorded = (o.events.api ?? []).find((e) => e.event === 'env');
  if (!recorded) return { holds: false, detail: 'api never recorded its environment (it did not start)' };
  const got = JSON.parse(recorded.detail) as Record<string, string | null>;
  const wrong = Object.entries(FIXTURE.apiEnv).filter(([k, v]) => got[k] !== v);
  return outcome(wrong.map(([k, v]) => `${k}: got ${JSON.stringify(got[k])}, want ${JSON.stringify(v)}`), wrong.length === 0 ? ['API_TOKEN (env_required) and API_SECRET (secret) reached api byte for byte'] : []);
}

function namedVolume(o: Observations): Outcome {
  const { name, exists, mountedBy } = o.volume;
  const store = mountedBy.filter((c) => c.includes('store'));
  return { holds: exists && store.length > 0, detail: `volume ${name} ${exists ? 'exists' : 'missing'}; mounted by ${mountedBy.join(', ') || 'no container'}` };
}

function failedStart(o: Observations): Outcome {
  const problems: string[] = [];
  const tries = starts(o, 'nccl').length;
  if (tries !== 1) problems.push(`nccl started ${tries} time(s), want once (restart: "no")`);
  if (o.settled.processes.has('nccl')) problems.push('nccl still running');
  const running = o.settled.containers.filter((c) => c.name.includes('nccl') && c.state === 'running');
  if (running.length > 0) problems.push(`container ${running.map((c) => c.name).join(', ')} running`);
  if ((o.events['nccl-fallback'] ?? []).length > 0) problems.push('the fallback ran');
  if (!o.settled.processes.has('worker')) problems.push('the rest of the stack is not running');
  return outcome(problems, problems.length === 0 ? ['nccl failed once and left nothing running; its fallback (an `orchgen up` feature) was not tried; the rest ran on'] : []);
}

export const CHECKS: readonly Check[] = [
  { id: 'start-order', concern: 'a dependent starts only after its dependency is healthy', judge: startOrder },
  { id: 'crash-restart', concern: 'a crashed service is restarted', judge: crashRestart },
  { id: 'restart-delay', concern: "the restart waits the spec's `delay`", judge: restartDelay },
  { id: 'dependents-kept', concern: 'dependents of a crashed service are not restarted', judge: dependentsKept },
  { id: 'max-attempts', concern: '`max_attempts` counts restarts', judge: maxAttempts },
  { id: 'stop-order', concern: 'stop goes in reverse dependency order', judge: stopOrder },
  { id: 'stop-timeout', concern: "each service is gone within its stop timeout (PID 1 ignoring SIGTERM too)", judge: stopTimeout },
  { id: 'nothing-left', concern: 'stop leaves no process and no container', judge: nothingLeft },
  { id: 'env', concern: '`env_required` values and secrets reach the process', judge: envReached },
  { id: 'named-volume', concern: 'a named volume is `<project>_<volume>`', judge: namedVolume },
  { id: 'failed-start', concern: 'a failed start (NCCL error, exit 1) leaves nothing running', judge: failedStart },
];
