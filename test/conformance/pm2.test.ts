import { pm2Adapter } from './adapters/pm2.js';
import { conformanceSuite } from './suite.js';

await conformanceSuite(pm2Adapter);
