import type { Phase, ProbeEvent, RuntimeEvent } from '../../runtime/events.js';

/** Which command the board follows: what a service waits on differs. */
export type BoardKind = 'up' | 'down';

/** A service as the board first knows it, before any event. */
export interface BoardEntry {
  service: string;
  /** Its startup wave, as events name it. */
  wave: number;
  /** `up`: its dependencies; `down`: its dependents (they stop first). */
  waitsOn: readonly string[];
}

export interface BoardRow extends BoardEntry {
  phase: Phase | 'pending';
  /** Since the run began: its first event, and the event that settled it (unset while it is under way). */
  sinceMs?: number;
  settledMs?: number;
  probes: number;
  /** The last probe's verdict, or healthy once the service is. */
  health?: 'healthy' | 'unhealthy';
  variant?: string;
  restarts: number;
  why?: string;
}

/** Phases after which nothing more happens to a service unless it is stopped or started again. */
const settling: ReadonlySet<Phase> = new Set(['healthy', 'running', 'completed', 'failed', 'stopped', 'skipped', 'unchanged']);

/** Phases that let a service's waiters go on: for `up` it is ready, for `down` it is gone. */
const releasing: Record<BoardKind, ReadonlySet<Phase | 'pending'>> = {
  up: new Set(['healthy', 'running', 'completed', 'unchanged']),
  down: new Set(['stopped']),
};

/** Every service of a run, from the events and probes the run reports; it knows no clock. */
export class Board {
  private readonly byName: Map<string, BoardRow>;

  constructor(
    entries: readonly BoardEntry[],
    readonly kind: BoardKind,
  ) {
    this.byName = new Map(entries.map((entry) => [entry.service, { ...entry, phase: 'pending', probes: 0, restarts: 0 }]));
  }

  /** In wave order, each wave in the order its services were given. */
  rows(): readonly Readonly<BoardRow>[] {
    return [...this.byName.values()].sort((a, b) => a.wave - b.wave);
  }

  event(e: RuntimeEvent): void {
    const row = this.rowOf(e.service, e.wave);
    row.phase = e.phase;
    row.sinceMs ??= e.elapsedMs;
    row.why = e.why;
    row.variant = e.variant ?? row.variant;
    if (e.phase === 'starting') {
      row.settledMs = undefined;
      row.health = undefined;
    }
    if (e.phase === 'restarting') row.restarts++;
    if (e.phase === 'healthy') row.health = 'healthy';
    if (e.phase === 'stopped') row.health = undefined;
    if (settling.has(e.phase)) row.settledMs = e.elapsedMs;
  }

  probe(p: ProbeEvent): void {
    const row = this.byName.get(p.service);
    if (!row) return;
    row.probes++;
    row.health = p.ok ? 'healthy' : 'unhealthy';
  }

  /** The run is over: the clocks of services still under way stop at `atMs`. */
  settle(atMs: number): void {
    for (const row of this.byName.values()) if (row.sinceMs !== undefined) row.settledMs ??= atMs;
  }

  /** What a service not yet acted on still waits for. */
  waitingFor(row: Readonly<BoardRow>): string[] {
    return row.waitsOn.filter((name) => !releasing[this.kind].has(this.byName.get(name)?.phase ?? 'pending'));
  }

  /** A service the entries did not name still gets a row, last in its wave. */
  private rowOf(service: string, wave: number): BoardRow {
    let row = this.byName.get(service);
    if (!row) {
      row = { service, wave, waitsOn: [], phase: 'pending', probes: 0, restarts: 0 };
      this.byName.set(service, row);
    }
    return row;
  }
}
