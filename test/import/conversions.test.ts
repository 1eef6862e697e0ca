import { describe, expect, it } from 'vitest';
import { parseInterpolation, wholeVariable } from '../../src/import/compose/interpolation.js';
import { loadVariables } from '../../src/import/compose/variables.js';
import { renderDraft } from '../../src/import/document.js';
import { composeDuration } from '../../src/import/duration.js';
import { assignNames, toName } from '../../src/import/names.js';
import { rebaser, schemaRef } from '../../src/import/output.js';
import { splitWords } from '../../src/import/shell-words.js';
import { composeSize } from '../../src/import/size.js';

describe('splitting a command string like Compose (shlex, POSIX mode)', () => {
  it.each([
    ['echo hello  world', ['echo', 'hello', 'world']],
    [`sh -c 'echo "$HOME"; exit 1'`, ['sh', '-c', 'echo "$HOME"; exit 1']],
    [`say "a \\"quoted\\" \\$word \\\\ end"`, ['say', 'a "quoted" \\$word \\ end']],
    ['a\\ b c\\"d', ['a b', 'c"d']],
    [`x '' "" y`, ['x', '', '', 'y']],
    ['--opt="a b"c', ['--opt=a bc']],
    ['  lead\ttab\nnewline  ', ['lead', 'tab', 'newline']],
    ['ünï ☃', ['ünï', '☃']],
  ])('%s', (text, words) => {
    expect(splitWords(text)).toEqual({ words });
  });

  it('reports what Compose would reject', () => {
    expect(splitWords(`echo 'open`)).toEqual({ error: 'a single quote is not closed' });
    expect(splitWords('echo "open')).toEqual({ error: 'a double quote is not closed' });
    expect(splitWords('echo \\')).toEqual({ error: 'it ends with a lone backslash' });
  });
});

describe('Compose interpolation', () => {
  it('reads $$, $NAME and ${NAME<op>ARG}, nested defaults included', () => {
    expect(parseInterpolation('a$$b $X ${Y:-d} ${Z?err msg}')).toEqual({
      pieces: [
        { text: 'a$b ' },
        { variable: { name: 'X', operator: '', arg: '', raw: '$X' } },
        { text: ' ' },
        { variable: { name: 'Y', operator: ':-', arg: 'd', raw: '${Y:-d}' } },
        { text: ' ' },
        { variable: { name: 'Z', operator: '?', arg: 'err msg', raw: '${Z?err msg}' } },
      ],
    });
    const { interpolator } = loadVariables({ environment: { D: 'd' } });
    expect(interpolator.fill(parseInterpolation('${A:-${B-x}}/${C:-$${lit}}'))).toEqual({ value: 'x/${lit}' });
    expect(interpolator.fill(parseInterpolation('${A:-$D}|${A:+set}|${D:+set}'))).toEqual({ value: 'd||set' });
    expect(wholeVariable(parseInterpolation('${TOKEN:?must be set}'))).toMatchObject({ name: 'TOKEN', operator: ':?' });
    expect(wholeVariable(parseInterpolation('x${TOKEN}'))).toBeUndefined();
  });

  it('keeps a `$` that starts nothing as Compose v2 does; marks an unclosed brace and a bad name', () => {
    expect(parseInterpolation('cost $5, $@ and a$')).toEqual({ pieces: [{ text: 'cost $5, $@ and a$' }] });
    expect(parseInterpolation('${OPEN').invalid).toBe('`${OPEN` is not a valid substitution');
    expect(parseInterpolation('${1X}').invalid).toBe('`${1X}` is not a valid substitution');
  });
});

describe('durations and sizes', () => {
  it.each([
    ['10s', '10s'],
    ['1m30s', '1m30s'],
    ['90s', '1m30s'],
    ['1.5s', '1s500ms'],
    ['500ms', '500ms'],
    ['1h', '1h'],
    ['2h45m', '2h45m'],
    ['0s', '0s'],
  ])('duration %s → %s', (compose, orchgen) => {
    expect(composeDuration(compose)).toEqual({ text: orchgen });
  });

  it('rounds what is finer than a millisecond, keeping a positive duration positive', () => {
    expect(composeDuration('100us')).toEqual({ text: '1ms', rounded: true });
    expect(composeDuration('1500us')).toEqual({ text: '2ms', rounded: true });
    expect(composeDuration('10')).toBeUndefined();
    expect(composeDuration('1d')).toBeUndefined();
  });

  it.each([
    ['512m', '512M'],
    ['1g', '1G'],
    ['1gb', '1G'],
    ['2GiB', '2G'],
    ['1.5g', '1536M'],
    ['64k', '64K'],
    [1073741824, '1G'],
    [1000, '1000'],
    ['1000', '1000'],
    ['1t', '1T'],
  ])('size %s → %s', (compose, orchgen) => {
    expect(composeSize(compose)).toEqual({ text: orchgen });
  });

  it('rejects what is not a size', () => {
    expect(composeSize('lots')).toBeUndefined();
    expect(composeSize('-1g')).toBeUndefined();
    expect(composeSize('0.5b')).toEqual({ text: '1', rounded: true });
  });
});

describe('names', () => {
  it('makes valid orchgen names', () => {
    expect(toName('Web_App')).toBe('web-app');
    expect(toName('1st.worker')).toBe('s-1st-worker');
    expect(toName('__')).toBe('service');
    expect(toName(`a${'b'.repeat(80)}`)).toHaveLength(63);
  });

  it('keeps valid names and resolves clashes in order', () => {
    expect([...assignNames(['api', 'Api', 'API_', 'db_1', 'db-1'])]).toEqual([
      ['api', 'api'],
      ['Api', 'api-2'],
      ['API_', 'api-3'],
      ['db_1', 'db-1-2'],
      ['db-1', 'db-1'],
    ]);
  });
});

describe('paths', () => {
  it('points $schema at the nearest schema in the output folder or above, else at nothing', () => {
    const present = new Set(['/repo/schema/orchgen.schema.json', '/proj/node_modules/orchgen/schema/orchgen.schema.json']);
    const exists = (path: string) => present.has(path);
    expect(schemaRef('/repo/examples/shop', exists)).toBe('../../schema/orchgen.schema.json');
    expect(schemaRef('/repo', exists)).toBe('schema/orchgen.schema.json');
    expect(schemaRef('/proj/deploy', exists)).toBe('../node_modules/orchgen/schema/orchgen.schema.json');
    expect(schemaRef('/elsewhere', exists)).toBeUndefined();
  });

  it('rebases relative paths from the input folder to the output folder', () => {
    const rebase = rebaser('/stack/deploy', '/stack');
    expect(rebase('./data')).toBe('deploy/data');
    expect(rebase('../shared/x.env')).toBe('shared/x.env');
    expect(rebase('/abs/path')).toBe('/abs/path');
    expect(rebase('~/home')).toBe('~/home');
    expect(rebaser('/a', '/a')('.')).toBe('.');
  });
});

describe('the YAML writer', () => {
  it('quotes what YAML 1.1 would read otherwise, keeps odd strings exact, puts comments above keys', () => {
    const text = renderDraft({
      header: ['first line', 'second'],
      data: { a: { env: { Y: 'yes', N: 'no', ON: 'on', SEX: '22:22', OCT: '0755', NUM: '1_000', EMPTY: '', SP: ' x ', NL: 'a\nb', Q: `'"`, HASH: 'a #b' }, list: ['a', 'b'] } },
      notes: [
        { path: ['a', 'env', 'Y'], text: 'a note\non two lines' },
        { path: ['a', 'list', 1], text: 'on the list' },
        { path: [], text: 'at the top' },
      ],
    });
    expect(text).toBe(
      [
        '# first line',
        '# second',
        '',
        '# at the top',
        '',
        'a:',
        '  env:',
        '    # a note',
        '    # on two lines',
        '    Y: "yes"',
        '    N: "no"',
        '    ON: "on"',
        '    SEX: "22:22"',
        '    OCT: "0755"',
        '    NUM: "1_000"',
        '    EMPTY: ""',
        '    SP: " x "',
        '    NL: |-',
        '      a',
        '      b',
        `    Q: "'\\""`,
        '    HASH: "a #b"',
        '  # on the list',
        '  list: [a, b]',
        '',
      ].join('\n'),
    );
  });
});
