import type { StartupPlan } from '../graph/plan.js';
import type { DriverFactory } from '../runtime/driver.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Model, Service, TargetName } from '../model/types.js';

/** A generated file, relative to the target's own folder. */
export interface Artifact {
  path: string;
  content: string;
  /** Lines for the file's header: what the target cannot say natively. */
  notes?: string[];
}

export interface TargetInput {
  model: Model;
  plan: StartupPlan;
  /** The services placed on this target, in declaration order. */
  services: Service[];
  /**
   * The spec's folder, relative to this target's output folder (forward slashes): relative paths
   * in the spec (env_file, volume sources) are relative to the spec's folder.
   */
  sourceDir: string;
}

export interface TargetOutput {
  artifacts: Artifact[];
  diagnostics: Diagnostic[];
}

/** The commands that drive a target's tool. */
export type RuntimeCommand = 'preflight' | 'up' | 'status' | 'logs' | 'monitor' | 'down';

/** A command-line option a target's driver reads: how to reach its tool. */
export interface RuntimeOption {
  /** commander's flags: `--supervisor-conf <file>`, or `--user` for a switch. */
  flags: string;
  /** Its help text; the CLI puts the target's name before it. */
  description: string;
  /** Where the driver reads it (`DriverOptions`): commander's camelCase of the long flag. */
  key: string;
  /** Only on these commands; default: every runtime command. */
  commands?: readonly RuntimeCommand[];
  /** From the text given to what the driver reads; default: the text. */
  parse?: (text: string) => string[];
}

/** One target: what the registry (`all.ts`) lists, everything the pipeline and the CLI need of it. */
export interface Target {
  name: TargetName;
  /** One line for `--help`. */
  description: string;
  /** Whether it runs a service's `command` on the host; every target runs an `image`. */
  runsHostProcesses: boolean;
  /** Pure: the artifacts of the services placed on it, paths relative to its own folder. */
  render(input: TargetInput): TargetOutput;
  /** Its runtime driver (`up`, `down`, `status`, `logs`), imported only when such a command runs; absent: none. */
  loadDriver?: () => Promise<DriverFactory>;
  /** The options its runtime commands take besides the shared ones. */
  runtimeOptions?: readonly RuntimeOption[];
}
