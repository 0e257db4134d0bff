/**
 * Whether a host name or address (IPv6 with or without brackets) is this machine's
 * loopback: `localhost`, 127.0.0.0/8 or ::1, also IPv4-mapped (`::ffff:127.0.0.1`). Traffic
 * to it never leaves the machine: plain HTTP is safe there and nowhere else.
 */
export function isLoopback(host: string): boolean {
  const address = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return (
    address === 'localhost' ||
    address === '::1' ||
    /^(?:::ffff:)?127(?:\.\d{1,3}){3}$/.test(address)
  );
}
