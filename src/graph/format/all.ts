import type { StartupPlan } from '../plan.js';
import { graphDot } from './dot.js';
import { graphJson } from './json.js';
import { graphMermaid } from './mermaid.js';
import { graphText } from './text.js';

export const graphFormats = {
  text: graphText,
  json: graphJson,
  mermaid: graphMermaid,
  dot: graphDot,
} as const satisfies Record<string, (plan: StartupPlan) => string>;

export type GraphFormat = keyof typeof graphFormats;
