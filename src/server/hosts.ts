/**
 * Which `Host` a request may name. A page on any website can point its own DNS name at 127.0.0.1 (DNS
 * rebinding) and then talk to us as "same origin"; the one thing it cannot change is the name in `Host`.
 * So only the names this server is really reached by are accepted: the loopback names always, and in LAN
 * mode the machine's own addresses and hostname, plus any names the office lists in SALESDESK_HOSTS.
 */
import { hostname as osHostname, networkInterfaces } from 'node:os';

export interface HostOptions {
  /** LAN mode: the machine's own addresses and hostname are also ours */
  lan?: boolean;
  /** further names the office reaches this machine by (e.g. an internal DNS name) */
  extraHosts?: readonly string[];
  /** the machine's addresses and name (tests pass fixed ones) */
  interfaces?: () => ReturnType<typeof networkInterfaces>;
  hostname?: () => string;
}

const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * The machine's own names (hostname, hostname.local, the office's extra names) and addresses, as the Host
 * check and the LAN certificate both need them. A link-local IPv6 address carries its zone (fe80::1%eth0);
 * browsers never send that in Host, and a certificate cannot name it.
 */
export function machineNames(
  extraHosts: readonly string[] = [],
  interfaces = networkInterfaces,
  hostname = osHostname,
): { names: string[]; ips: { address: string; v6: boolean }[] } {
  const own = hostname().toLowerCase();
  const names = [own, `${own}.local`, ...extraHosts.map((h) => h.trim().toLowerCase()).filter(Boolean)];
  const ips = Object.values(interfaces())
    .flat()
    .filter((i) => !!i)
    .map((i) => ({ address: i!.address.split('%')[0]!.toLowerCase(), v6: i!.family === 'IPv6' }));
  return { names: [...new Set(names)], ips };
}

/** Splits a Host header into a lower-case name (IPv6 keeps its brackets) and a port; null if malformed. */
export function parseHost(value: string | undefined): { name: string; port: number | null } | null {
  if (!value) return null;
  const m = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/i.exec(value.trim());
  if (!m) return null;
  return { name: m[1]!.toLowerCase().replace(/\.$/, ''), port: m[2] === undefined ? null : Number(m[2]) };
}

export function createHostCheck(
  options: HostOptions = {},
): (hostHeader: string | undefined, localPort: number, secure: boolean) => boolean {
  const interfaces = options.interfaces ?? networkInterfaces;
  const hostname = options.hostname ?? osHostname;
  const names = (): Set<string> => {
    const set = new Set([...LOOPBACK, ...(options.extraHosts ?? []).map((h) => h.trim().toLowerCase()).filter(Boolean)]);
    if (options.lan) {
      const own = machineNames(options.extraHosts, interfaces, hostname);
      for (const n of own.names) set.add(n);
      for (const ip of own.ips) set.add(ip.v6 ? `[${ip.address}]` : ip.address);
    }
    return set;
  };
  // Addresses change (DHCP, a cable plugged in): on a miss look once more before refusing.
  let known = names();
  return (hostHeader, localPort, secure) => {
    const host = parseHost(hostHeader);
    if (!host) return false;
    if ((host.port ?? (secure ? 443 : 80)) !== localPort) return false;
    if (known.has(host.name)) return true;
    if (!options.lan) return false;
    known = names();
    return known.has(host.name);
  };
}
