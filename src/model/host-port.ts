/** `HOST:PORT` as the schema allows it (an IPv6 host in brackets): the host without its brackets, and the port. */
export function parseHostPort(text: string): { host: string; port: number } {
  const colon = text.lastIndexOf(':');
  return { host: text.slice(0, colon).replace(/^\[|\]$/g, ''), port: Number(text.slice(colon + 1)) };
}
