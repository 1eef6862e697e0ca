import type { JsObject, JsValue } from './js.js';

/** `native.pm2` merged into the app: objects merge key by key, anything else replaces the generated value. */
export function mergeNative(app: JsObject, native: Record<string, unknown> | undefined): JsObject {
  return native === undefined ? app : merge(app, native as JsObject);
}

function merge(base: JsObject, extra: JsObject): JsObject {
  const out: JsObject = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const current = out[key];
    out[key] = isPlainObject(current) && isPlainObject(value) ? merge(current, value) : value;
  }
  return out;
}

function isPlainObject(value: JsValue | undefined): value is JsObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}
