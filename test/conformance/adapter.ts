/**
 * One target as a user drives it natively, without orchgen's runtime: each file in adapters/ says
 * how its tool starts and stops the built stack. The checks (checks.ts) are shared; what a tool
 * cannot give natively is declared here, per adapter, as an expected difference.
 */
import type { ToolCheck } from '../support/tools.js';
import type { CheckId } from './checks.js';

export interface Stack {
  project: string;
  /** The stack's temporary folder. */
  dir: string;
  /** The spec, in dir. */
  spec: string;
  /** What `orchgen build -o` wrote: dir/out. */
  out: string;
  /** Where the services record their events. */
  run: string;
  /** The values the tool's environment must hold: env_required keys and secrets' variables. */
  env: Record<string, string>;
}

export interface ToolRun {
  exitCode: number;
  output: string;
}

export interface TargetAdapter {
  /** The column in the results and in README's table: systemd, compose-v2, compose-v1, pm2, supervisor. */
  id: string;
  /** The column's title in README. */
  title: string;
  /** The orchgen target built for it. */
  target: 'systemd' | 'compose' | 'pm2' | 'supervisor';
  tool: () => Promise<ToolCheck>;
  /** Compose runs containers only; the others also get the fixture's host processes. */
  allContainers: boolean;
  /** Start the built stack with the tool's own command. */
  start(stack: Stack): Promise<ToolRun>;
  /** Stop it with the tool's own command. */
  stop(stack: Stack): Promise<ToolRun>;
  /** The tool's own account of the stack, printed with the results to explain a failed check. */
  diagnose?(stack: Stack): Promise<string>;
  /** Remove whatever is left, whatever happened (containers, daemons, volumes). */
  cleanup(stack: Stack): Promise<void>;
  /** What the tool cannot do natively, by check: the text README shows. The check must then fail. */
  differences: Partial<Record<CheckId, string>>;
}
