import type { Setting } from './setting.js';

type NativeValue = string | number | boolean | Array<string | number | boolean>;

/**
 * `native.supervisor` written as is: a key supervisord already has (it ignores case) is replaced
 * where it stands, a new one is added at the end.
 */
export function withNative(settings: Setting[], native: Record<string, unknown> | undefined): Setting[] {
  const merged = [...settings];
  for (const [key, raw] of Object.entries(native ?? {})) {
    const setting = { key, value: nativeText(raw as NativeValue) };
    const index = merged.findIndex((s) => s.key.toLowerCase() === key.toLowerCase());
    if (index >= 0) merged[index] = setting;
    else merged.push(setting);
  }
  return merged;
}

export function nativeText(value: NativeValue): string {
  return Array.isArray(value) ? value.map(String).join(',') : String(value);
}
