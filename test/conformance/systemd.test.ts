import { systemdAdapter } from './adapters/systemd.js';
import { conformanceSuite } from './suite.js';

await conformanceSuite(systemdAdapter);
