/** What the fixture's services recorded about themselves (fixture/service.py). */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface ServiceEvent {
  event: 'start' | 'ready' | 'env' | 'term' | 'exit' | 'crash';
  /** Seconds since the epoch. */
  time: number;
  pid: number;
  detail: string;
}

export function readEvents(run: string, service: string): ServiceEvent[] {
  const file = path.join(run, `${service}.events`);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [event, time, pid, ...rest] = line.split(' ');
      return { event: event as ServiceEvent['event'], time: Number(time), pid: Number(pid), detail: rest.join(' ') };
    });
}

/** The times of one kind of event, in order. */
export const timesOf = (events: readonly ServiceEvent[], kind: ServiceEvent['event']): number[] =>
  events.filter((e) => e.event === kind).map((e) => e.time);
