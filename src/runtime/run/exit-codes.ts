import { leftRunningCode } from '../remains.js';

/** Documented exit codes of `orchgen up`. */
export const upExitCodes = { healthy: 0, badInput: 1, rolledBack: 2, degraded: 3, leftRunning: leftRunningCode, interrupted: 130 } as const;
