export type { Defaults, Service as RawService, OrchgenSpec } from '../spec/spec.generated.js';
