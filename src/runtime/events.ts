import { alignedLines } from './text-table.js';

export type Phase = 'starting' | 'waiting' | 'restarting' | 'healthy' | 'running' | 'completed' | 'fallback' | 'failed' | 'stopping' | 'stopped' | 'skipped' | 'unchanged';

export interface RuntimeEvent {
  service: string;
  wave: number;
  phase: Phase;
  /** Since `up` began. */
  elapsedMs: number;
  variant?: string;
  why?: string;
}

/** One health probe made while a service comes up. */
export interface ProbeEvent {
  service: string;
  ok: boolean;
}

export interface ServiceSummary {
  service: string;
  state: 'healthy' | 'running' | 'completed' | 'failed' | 'stopped' | 'skipped';
  health: string;
  timeToHealthyMs?: number;
  variant?: string;
  why?: string;
}

export interface Reporter {
  event(event: RuntimeEvent): void;
  /** Each probe of a service coming up, for a view that counts them; the plain and JSON lines leave them out. */
  probe?(probe: ProbeEvent): void;
  summary(rows: readonly ServiceSummary[], outcome: string): void;
  /** Something the user should know that does not stop the run, e.g. a damaged state file. */
  warning(text: string): void;
}

/** One plain line per event: the same on a terminal and in CI logs. */
export function lineReporter(write: (text: string) => void): Reporter {
  return {
    event(e) {
      const variant = e.variant ? ` [${e.variant}]` : '';
      const why = e.why ? ` (${e.why})` : '';
      write(`${seconds(e.elapsedMs).padStart(7)} wave ${e.wave} ${e.service}${variant}: ${e.phase}${why}\n`);
    },
    summary(rows, outcome) {
      write('\n');
      for (const line of alignedLines([['SERVICE', 'STATE', 'HEALTH', 'TIME', 'VARIANT', 'WHY'], ...rows.map(row)])) write(`${line}\n`);
      write(`\n${outcome}\n`);
    },
    warning(text) {
      write(`warning: ${text}\n`);
    },
  };
}

/** One JSON object per line, for machines. */
export function jsonReporter(write: (text: string) => void): Reporter {
  return {
    event: (e) => write(`${JSON.stringify({ type: 'event', ...e })}\n`),
    summary: (rows, outcome) => write(`${JSON.stringify({ type: 'summary', outcome, services: rows })}\n`),
    warning: (text) => write(`${JSON.stringify({ type: 'warning', message: text })}\n`),
  };
}

function row(summary: ServiceSummary): string[] {
  const time = summary.timeToHealthyMs === undefined ? '-' : seconds(summary.timeToHealthyMs);
  return [summary.service, summary.state, summary.health, time, summary.variant ?? '-', summary.why ?? ''];
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}
