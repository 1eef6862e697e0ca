import { checkCycles } from './cycles.js';
import { checkDependencies } from './dependencies.js';
import { checkDeviceVolumes } from './device-volumes.js';
import { checkContainerOnly } from './container-only.js';
import { checkEnvSources } from './env-sources.js';
import { checkFallbacks } from './fallbacks.js';
import { checkHealthKind } from './health-kind.js';
import { checkPorts } from './ports.js';
import { checkRunnable } from './runnable.js';
import { checkSecrets } from './secrets.js';
import { checkStartInterval } from './start-interval.js';
import { checkSupervisedMonitor } from './supervised-monitor.js';
import { checkTargetNames } from './target-names.js';
import { checkUnmountedVolumes } from './unmounted-volumes.js';
import type { Check } from './context.js';

/** Checks beyond the schema, run on a schema-valid spec. */
export const checks = [
  checkTargetNames,
  checkHealthKind,
  checkStartInterval,
  checkDependencies,
  checkCycles,
  checkPorts,
  checkRunnable,
  checkFallbacks,
  checkEnvSources,
  checkSecrets,
  checkUnmountedVolumes,
  checkContainerOnly,
  checkDeviceVolumes,
  checkSupervisedMonitor,
] as const satisfies readonly Check[];
