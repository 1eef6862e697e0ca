/**
 * `graph --format svg` through the built CLI, for every example: well-formed XML (a real parser
 * reads it), the same services, waves and edges as `--format json`, each wave one column from left to
 * right, and the committed picture beside each example current.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';

interface SvgGroup {
  '@_class': string;
  '@_data-service'?: string;
  '@_data-wave'?: string;
  '@_data-from'?: string;
  '@_data-to'?: string;
  '@_data-condition'?: string;
  rect?: { '@_x': string; '@_width': string };
}

const examples = readdirSync('examples').sort();

function cli(example: string, format: string): string {
  return execFileSync('node', ['dist/cli/main.js', 'graph', '-f', `examples/${example}/orchgen.yaml`, '--format', format], { encoding: 'utf8' });
}

function groups(svg: string): SvgGroup[] {
  const parsed = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'g' }).parse(svg) as { svg: { g: SvgGroup[] } };
  return parsed.svg.g;
}

describe.each(examples)('%s', (example) => {
  const svg = cli(example, 'svg');
  const json = JSON.parse(cli(example, 'json')) as { waves: string[][]; edges: Array<{ from: string; to: string; condition: string; required: boolean }> };
  const all = groups(svg);
  const nodes = all.filter((g) => g['@_class'].startsWith('node '));
  const edges = all.filter((g) => g['@_class'].startsWith('edge '));

  it('is well-formed XML with an svg root', () => {
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  });

  it('has the services and waves of the json graph', () => {
    const waves: string[][] = [];
    for (const node of nodes) (waves[Number(node['@_data-wave']) - 1] ??= []).push(node['@_data-service']!);
    expect(waves).toEqual(json.waves);
  });

  it('has the edges of the json graph, with condition and required', () => {
    const drawn = edges.map((g) => ({ from: g['@_data-from'], to: g['@_data-to'], condition: g['@_data-condition'], required: g['@_class'] === 'edge required' }));
    expect(drawn).toEqual(json.edges);
  });

  it('draws each wave as one column, left to right', () => {
    const centre = (g: SvgGroup): number => Number(g.rect!['@_x']) + Number(g.rect!['@_width']) / 2;
    const columns = json.waves.map((wave) => [...new Set(wave.map((name) => Math.round(centre(nodes.find((n) => n['@_data-service'] === name)!))))]);
    for (const column of columns) expect(column).toHaveLength(1);
    const xs = columns.map((column) => column[0]!);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(new Set(xs).size).toBe(xs.length);
  });

  it('is the picture committed beside the example', () => {
    expect(readFileSync(`examples/${example}/graph.svg`, 'utf8')).toBe(svg);
  });
});
