/**
 * The kubelet's `$(VAR)` expansion of env values, command, args and exec probes, ported from
 * Kubernetes' third_party/forked/golang/expansion: `$$` is `$`, `$(NAME)` is the variable's value
 * when NAME is defined (else it stays as written), any other `$` stays.
 */
export function expand(input: string, defined: ReadonlyMap<string, string>): string {
  let out = '';
  let checkpoint = 0;
  for (let cursor = 0; cursor < input.length; cursor++) {
    if (input[cursor] !== '$' || cursor + 1 >= input.length) continue;
    out += input.slice(checkpoint, cursor);
    const [read, isVar, advance] = readVariable(input.slice(cursor + 1));
    out += isVar ? (defined.get(read) ?? `$(${read})`) : read;
    cursor += advance;
    checkpoint = cursor + 1;
  }
  return out + input.slice(checkpoint);
}

function readVariable(input: string): [string, boolean, number] {
  if (input[0] === '$') return ['$', false, 1];
  if (input[0] === '(') {
    const close = input.indexOf(')', 1);
    return close < 0 ? ['$(', false, 1] : [input.slice(1, close), true, close + 1];
  }
  return [`$${input[0]}`, false, 1];
}
