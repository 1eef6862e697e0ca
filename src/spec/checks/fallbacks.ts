import { diagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { serviceEntries } from '../raw.js';
import type { Check } from './context.js';

/** Keys that shape the stack itself, which a variant of one service cannot change. */
const fixedKeys = ['fallbacks', 'depends_on', 'targets'] as const;

export const checkFallbacks: Check = ({ spec }) => {
  const out: Diagnostic[] = [];
  for (const [name, service] of serviceEntries(spec)) {
    const seen = new Set<string>();
    (service.fallbacks ?? []).forEach((fallback, index) => {
      const path = ['services', name, 'fallbacks', index];
      if (seen.has(fallback.name)) out.push(diagnostic('E211', `\`${name}\` has two fallbacks named \`${fallback.name}\``, { path: [...path, 'name'] }));
      seen.add(fallback.name);
      for (const key of fixedKeys) {
        if (fallback.set[key] !== undefined) {
          out.push(diagnostic('E206', `fallback \`${fallback.name}\` of \`${name}\` sets \`${key}\`, which a fallback cannot change`, { path: [...path, 'set', key], atKey: true }));
        }
      }
      const log = fallback.when?.log;
      if (log !== undefined) {
        const problem = regexProblem(log);
        if (problem) out.push(diagnostic('E212', `\`when.log\` of fallback \`${fallback.name}\` is not a valid regular expression: ${problem}`, { path: [...path, 'when', 'log'] }));
      }
    });
  }
  return out;
};

function regexProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern);
    return undefined;
  } catch (error) {
    return (error as Error).message.replace(/^Invalid regular expression: /, '');
  }
}
