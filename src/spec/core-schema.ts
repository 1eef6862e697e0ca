import { Schema, Type } from 'js-yaml';

/**
 * A number or boolean whose text is not how JavaScript writes its value (`1.0`, `True`, `0x1F`):
 * kept until the loader knows whether it is an env value, which keeps the text the user wrote.
 */
export class WrittenScalar {
  constructor(
    readonly value: number | boolean,
    readonly source: string,
  ) {}

  /** Not `[object Object]`, which js-yaml would make the key of a mapping. */
  get [Symbol.toStringTag](): string {
    return 'WrittenScalar';
  }

  /** As a mapping key it reads as its value, as the `yaml` package's toJS turns it into a key. */
  toString(): string {
    return String(this.value);
  }
}

function scalarOf(value: number | boolean, source: string): number | boolean | WrittenScalar {
  return String(value) === source ? value : new WrittenScalar(value, source);
}

type Resolver = readonly [test: RegExp, resolve: (source: string) => number | boolean | null];

/** One js-yaml type per tag (js-yaml keeps only the last type of a tag): the first resolver whose test matches. */
function plainType(tag: string, resolvers: readonly Resolver[]): Type {
  const resolverOf = (source: string) => resolvers.find(([test]) => test.test(source));
  return new Type(`tag:yaml.org,2002:${tag}`, {
    kind: 'scalar',
    resolve: (source: string) => resolverOf(source) !== undefined,
    construct: (source: string) => {
      const value = resolverOf(source)![1](source);
      return value === null ? null : scalarOf(value, source);
    },
  });
}

// The tests and values of the `yaml` package's YAML 1.2 core schema (yaml/dist/schema/core), in its order.
const nullType = plainType('null', [[/^(?:~|[Nn]ull|NULL)?$/, () => null]]);
const boolType = plainType('bool', [[/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, (source) => source[0] === 't' || source[0] === 'T']]);
const intType = plainType('int', [
  [/^0o[0-7]+$/, (source) => parseInt(source.substring(2), 8)],
  [/^[-+]?[0-9]+$/, (source) => parseInt(source, 10)],
  [/^0x[0-9a-fA-F]+$/, (source) => parseInt(source.substring(2), 16)],
]);
const floatType = plainType('float', [
  [/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/, (source) => (source.slice(-3).toLowerCase() === 'nan' ? NaN : source[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY)],
  [/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/, (source) => parseFloat(source)],
  [/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/, (source) => parseFloat(source)],
]);

/**
 * js-yaml resolving plain scalars as the `yaml` package's core schema does, and nothing else: no
 * merge key, and no explicit tag (with no types to look up, js-yaml refuses every `!!tag`).
 */
export const coreSchema = new Schema({ implicit: [nullType, boolType, intType, floatType] });
