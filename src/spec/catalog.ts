/** Every diagnostic orchgen can report, by code. One entry per code; each has a test. */
export const catalog = {
  E001: { severity: 'error', title: 'YAML syntax error' },
  E002: { severity: 'error', title: 'spec file cannot be read' },
  E003: { severity: 'error', title: 'spec is too large or too deeply nested' },
  E101: { severity: 'error', title: 'unknown key' },
  E102: { severity: 'error', title: 'missing key' },
  E103: { severity: 'error', title: 'wrong type' },
  E104: { severity: 'error', title: 'invalid value' },
  E105: { severity: 'error', title: 'invalid name' },
  E106: { severity: 'error', title: 'invalid duration' },
  E107: { severity: 'error', title: 'invalid size' },
  E108: { severity: 'error', title: 'invalid format' },
  E201: { severity: 'error', title: 'unknown dependency' },
  E202: { severity: 'error', title: 'dependency cycle' },
  E203: { severity: 'error', title: '`healthy` dependency without a health check' },
  E204: { severity: 'error', title: 'host port used twice' },
  E205: { severity: 'error', title: 'service no selected target can run' },
  E206: { severity: 'error', title: 'fallback sets a key that is not a service key' },
  E207: { severity: 'error', title: '`env_required` key given a value in `env`' },
  E208: { severity: 'error', title: 'health check needs exactly one of http, tcp, exec' },
  E209: { severity: 'error', title: 'port number out of range' },
  E210: { severity: 'error', title: 'dependency not present on a target' },
  E211: { severity: 'error', title: 'duplicate fallback name' },
  E212: { severity: 'error', title: 'invalid regular expression' },
  E301: { severity: 'error', title: 'value a target cannot carry exactly' },
  W101: { severity: 'warning', title: 'essential service requires an optional one' },
  W102: { severity: 'warning', title: 'service left out of a target that cannot run it' },
  W103: { severity: 'warning', title: 'target cannot express a setting natively' },
  W104: { severity: 'warning', title: 'YAML warning' },
} as const satisfies Record<string, { severity: 'error' | 'warning'; title: string }>;

export type Code = keyof typeof catalog;
export type Severity = 'error' | 'warning';
