/** Keys whose values name other services (`service:NAME`, `links`, `volumes_from`). */
export const referenceKeys = new Set(['links', 'volumes_from', 'network_mode', 'pid', 'ipc']);

/** The value with every service it names renamed; a renamed link keeps the old name as its alias. */
export function renameReferences(key: string, value: unknown, names: ReadonlyMap<string, string>): unknown {
  const rename = (name: string) => names.get(name) ?? name;
  if (key === 'links' && Array.isArray(value)) {
    return value.map((link) => {
      if (typeof link !== 'string') return link;
      const [name, alias] = link.split(':') as [string, string?];
      const renamed = rename(name);
      return alias !== undefined ? `${renamed}:${alias}` : renamed === name ? name : `${renamed}:${name}`;
    });
  }
  if (key === 'volumes_from' && Array.isArray(value)) {
    return value.map((from) => {
      if (typeof from !== 'string' || from.startsWith('container:')) return from;
      const match = /^(service:)?([^:]+)(:.*)?$/.exec(from);
      return match ? `${match[1] ?? ''}${rename(match[2]!)}${match[3] ?? ''}` : from;
    });
  }
  if (typeof value === 'string' && value.startsWith('service:')) return `service:${rename(value.slice('service:'.length))}`;
  return value;
}
