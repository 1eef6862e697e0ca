import { describe, expect, test } from 'vitest';
import { findCycles } from '../../src/graph/cycles.js';
import { dependencyGraph } from '../../src/graph/dependency-graph.js';
import { startupPlan } from '../../src/graph/plan.js';
import { graphFormats } from '../../src/diagram/all.js';

const node = (name: string, ...deps: string[]) => ({ name, dependsOn: deps.map((d) => ({ name: d })) });

describe('startup plan', () => {
  const nodes = [node('web', 'api'), node('db'), node('api', 'db', 'cache'), node('cache'), node('jobs', 'db')];
  const plan = startupPlan(dependencyGraph(nodes), nodes.map((n) => n.name));

  test('waves keep declaration order within a wave', () => {
    expect(plan.waves).toEqual([['db', 'cache'], ['api', 'jobs'], ['web']]);
    expect(plan.shutdown).toEqual([['web'], ['api', 'jobs'], ['db', 'cache']]);
  });

  test('critical path breaks ties by declaration order', () => {
    expect(plan.criticalPath).toEqual(['db', 'api', 'web']);
  });

  test('formats', () => {
    expect(graphFormats.text(plan)).toBe(
      [
        'wave 1: db, cache',
        'wave 2: api, jobs',
        'wave 3: web',
        'web needs api (started)',
        'api needs db (started)',
        'api needs cache (started)',
        'jobs needs db (started)',
        'critical path: db → api → web',
        '',
      ].join('\n'),
    );
    expect(graphFormats.mermaid(plan)).toContain('  db -->|started| api\n');
    expect(graphFormats.dot(plan)).toContain('  "cache" -> "api" [label="started"];\n');
  });
});

describe('cycles', () => {
  test('printed from the earliest-declared member, following depends_on', () => {
    const nodes = [node('alpha', 'gamma'), node('beta', 'alpha'), node('gamma', 'beta'), node('solo', 'solo')];
    const cycles = findCycles(dependencyGraph(nodes), nodes.map((n) => n.name));
    expect(cycles).toEqual([
      ['alpha', 'gamma', 'beta', 'alpha'],
      ['solo', 'solo'],
    ]);
  });
});
