import { describe, expect, it } from 'vitest';
import { HERE, iniValue } from '../../../src/targets/supervisor/ini.js';

describe('supervisor target: values written for configparser and % formatting', () => {
  it('doubles % and keeps a literal %( from reading as %(here)s', () => {
    expect(iniValue('100% %(here)s')).toBe('100%% %%%(here).0s(here)s');
  });

  it('guards whitespace before ; and # so they do not start a comment', () => {
    expect(iniValue('a ;b #c d;e#f')).toBe('a %(here).0s;b %(here).0s#c d;e#f');
  });

  it('writes a line break as an indented continuation line, guarded on both sides', () => {
    expect(iniValue('a\n b')).toBe('a%(here).0s\n    %(here).0s b');
  });

  it('guards leading and trailing whitespace, which configparser strips', () => {
    expect(iniValue(' a ')).toBe('%(here).0s a %(here).0s');
    expect(iniValue('')).toBe('');
  });

  it('writes the conf folder as %(here)s', () => {
    expect(iniValue(`${HERE}/x`)).toBe('%(here)s/x');
  });

  it('escapes for two rounds of formatting', () => {
    expect(iniValue('/a% ;b', 2)).toBe('/a%%%% %%(here).0s;b');
  });

  it('writes a value with no spot to guard as it is, and guards the first spot past plain ASCII', () => {
    expect(iniValue('postgres://db:5432/db0 a;b#c (x)')).toBe('postgres://db:5432/db0 a;b#c (x)');
    expect(iniValue('a\t;b')).toBe('a\t%(here).0s;b');
    expect(iniValue('caf\u00e9;x')).toBe('caf\u00e9%(here).0s;x');
    expect(iniValue('a\u00a0')).toBe('a\u00a0%(here).0s');
    expect(iniValue('~')).toBe('~');
    expect(iniValue('a%')).toBe('a%%');
  });
});
