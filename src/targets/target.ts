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
}
