import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';

/** `::ffff:10.0.0.1` (an IPv4 client on a dual-stack socket) is `10.0.0.1`. */
function normalise(address: string): string {
  const trimmed = address.trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return mapped?.[1] ?? trimmed;
}

/** Why one `TRUSTED_PROXIES` entry is not an address or a CIDR range, or undefined when it is. */
export function trustedProxyProblem(entry: string): string | undefined {
  const [address = '', prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) {
    return `"${entry}" is not an IP address or CIDR range`;
  }
  if (prefix !== undefined) {
    const bits = Number(prefix);
    if (!/^\d{1,3}$/.test(prefix) || bits > (family === 4 ? 32 : 128)) {
      return `"${entry}" has a bad prefix length`;
    }
  }
  return undefined;
}

/**
 * The proxies whose `X-Forwarded-For` the gateway believes: addresses and CIDR ranges, IPv4 or
 * IPv6 (entries already checked by `trustedProxyProblem`). Empty: no proxy is trusted.
 */
export function trustedProxies(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix] = entry.split('/');
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) {
      list.addAddress(address, type);
    } else {
      list.addSubnet(address, Number(prefix), type);
    }
  }
  return list;
}

function isTrusted(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/**
 * The client's address, as budgets key anonymous viewers. The socket's peer, unless that peer is
 * a trusted proxy: then `X-Forwarded-For` is read right to left (each proxy appends the address
 * it received from), trusted proxies are skipped, and the first address not trusted is the
 * client. A client can prepend anything to the header, so entries left of the first untrusted
 * one are never read. When every hop is trusted, the leftmost valid address is used; a
 * malformed entry ends the walk at the last good address.
 */
export function clientAddressOf(req: IncomingMessage, trusted: BlockList): string | undefined {
  const peer = req.socket.remoteAddress;
  if (peer === undefined) {
    return undefined;
  }
  let client = normalise(peer);
  if (!isTrusted(trusted, client)) {
    return client;
  }
  const header = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map(normalise)
    .filter((hop) => hop.length > 0);
  for (let i = hops.length - 1; i >= 0; i -= 1) {
    const hop = hops[i] as string;
    if (isIP(hop) === 0) {
      break;
    }
    client = hop;
    if (!isTrusted(trusted, hop)) {
      break;
    }
  }
  return client;
}
