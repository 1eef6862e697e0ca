import type { Health } from '../../model/types.js';
import { readinessBudgetMs, readinessWait } from '../shared/probe.js';
import { checkCommand, commandArgv } from './command.js';
import { specPath, type UnitContext } from './context.js';
import { execLine } from './escape.js';
import { containerName, enginePath } from './names.js';
import { entry, type Entry } from './sections.js';

/** Room for starting the program (or pulling the image) on top of the health budget. */
const startMarginSeconds = 5;

/**
 * The unit stays activating until the health check passes (a wait in ExecStartPost=), so After= holds
 * dependents back until it is healthy; TimeoutStartSec= bounds the wait.
 */
export function readinessEntries(ctx: UnitContext): Entry[] {
  const { health } = ctx.service;
  if (!health || ctx.oneshot) return [];
  if (health.check.kind === 'exec' && !checkCommand(ctx, health.check.command, specPath(ctx, 'health', 'exec'), 'health exec', false)) return [];
  // systemd keeps running ExecStartPost= after the main process died; $MAINPID lets the wait stop then.
  const wait = readinessWait(whereItRuns(ctx, health), 'MAINPID');
  ctx.notes.push('health is checked until it first passes (ExecStartPost=); systemd does not probe it afterwards');
  return [entry('ExecStartPost', execLine(['/bin/sh', '-c', wait])), entry('TimeoutStartSec', `${startTimeoutSeconds(health)}s`)];
}

export function startTimeoutSeconds(health: Health): number {
  return Math.ceil(readinessBudgetMs(health) / 1000) + startMarginSeconds;
}

/** An exec check runs where the service runs: inside its container for an image service. */
function whereItRuns(ctx: UnitContext, health: Health): Health {
  const { check } = health;
  if (check.kind !== 'exec' || ctx.service.kind !== 'container') return health;
  const inside = [enginePath(ctx.model), 'exec', containerName(ctx.model.project, ctx.service.name), ...commandArgv(check.command)];
  return { ...health, check: { kind: 'exec', command: { kind: 'exec', argv: inside } } };
}
