import { supervisorAdapter } from './adapters/supervisor.js';
import { conformanceSuite } from './suite.js';

await conformanceSuite(supervisorAdapter);
