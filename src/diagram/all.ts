import type { Model } from '../model/types.js';
import type { StartupPlan } from '../graph/plan.js';
import { graphDot } from './dot.js';
import { graphJson } from './json.js';
import { graphMermaid } from './mermaid.js';
import { graphSvg } from './svg/index.js';
import { graphText } from './text.js';

export const graphFormats = {
  text: graphText,
  json: graphJson,
  mermaid: graphMermaid,
  dot: graphDot,
  svg: graphSvg,
} as const satisfies Record<string, (plan: StartupPlan, model: Model) => string>;

export type GraphFormat = keyof typeof graphFormats;
