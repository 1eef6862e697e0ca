import { SupervisordProtocolError } from './xmlrpc-errors.js';
import type { XmlRpcValue } from './xmlrpc-response.js';

type Scalar<T> = T extends 'string' ? string : T extends 'number' ? number : boolean;

/** A part of an answer as a struct, or a protocol error naming what was expected. */
export function structFrom(value: XmlRpcValue | undefined, what: string): Record<string, XmlRpcValue> {
  if (typeof value !== 'object' || Array.isArray(value)) throw unexpected(value, what);
  return value;
}

/** A part of an answer as an array, or a protocol error naming what was expected. */
export function arrayFrom(value: XmlRpcValue | undefined, what: string): XmlRpcValue[] {
  if (!Array.isArray(value)) throw unexpected(value, what);
  return value;
}

/** A part of an answer as a string, number or boolean, or a protocol error naming what was expected. */
export function scalarFrom<T extends 'string' | 'number' | 'boolean'>(value: XmlRpcValue | undefined, type: T, what: string): Scalar<T> {
  if (typeof value !== type) throw unexpected(value, what);
  return value as Scalar<T>;
}

function unexpected(value: XmlRpcValue | undefined, what: string): SupervisordProtocolError {
  const sent = value === undefined ? 'nothing' : Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'a struct' : `the ${typeof value} ${JSON.stringify(value)}`;
  return new SupervisordProtocolError(`supervisord sent ${sent} where ${what} belongs`);
}
