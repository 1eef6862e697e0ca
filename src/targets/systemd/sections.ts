/** A unit file as data: sections of `Key=value` lines, in file order. */

export interface Entry {
  key: string;
  value: string;
}

export type SectionName = 'Unit' | 'Service' | 'Install';

export type UnitFile = Record<SectionName, Entry[]>;

export const sectionNames: readonly SectionName[] = ['Unit', 'Service', 'Install'];

export const entry = (key: string, value: string): Entry => ({ key, value });

export function valuesOf(entries: readonly Entry[], key: string): string[] {
  return entries.filter((e) => e.key === key).map((e) => e.value);
}

/** Keys in order of first appearance. */
export function keysOf(entries: readonly Entry[]): string[] {
  return [...new Set(entries.map((e) => e.key))];
}
