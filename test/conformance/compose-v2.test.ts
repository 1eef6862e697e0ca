import { composeV2 } from '../support/compose-cli.js';
import { composeAdapter } from './adapters/compose.js';
import { conformanceSuite } from './suite.js';

await conformanceSuite(composeAdapter(composeV2));
