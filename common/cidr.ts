// IP addresses and subnets as `docker network create --subnet / --gateway` take them: IPv4 dotted
// quads and IPv6 (with `::`), a subnet being an address with no host bits set and a /prefix.

/** The address as bytes (4 or 16), or null when it is not one. */
export function ipBytes(text: string): number[] | null {
  if (text.includes(':')) return ipv6Bytes(text)
  const parts = text.split('.')
  if (parts.length !== 4 || !parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255)) return null
  return parts.map(Number)
}

function ipv6Bytes(text: string): number[] | null {
  if (!/^[0-9A-Fa-f:]+$/.test(text) || text.split('::').length > 2) return null
  const [head = '', tail] = text.split('::') as [string, string | undefined]
  const groups = (s: string) => (s === '' ? [] : s.split(':'))
  const left = groups(head)
  const right = tail === undefined ? [] : groups(tail)
  if (![...left, ...right].every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return null
  const missing = 8 - left.length - right.length
  if (tail === undefined ? missing !== 0 : missing < 1) return null
  const words = [...left, ...Array<string>(missing).fill('0'), ...right].map((g) => parseInt(g, 16))
  return words.flatMap((w) => [w >> 8, w & 255])
}

export const isIpAddress = (text: string): boolean => ipBytes(text) !== null

function parseCidr(text: string): { bytes: number[]; prefix: number } | null {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(text)
  if (!match) return null
  const bytes = ipBytes(match[1] as string)
  const prefix = Number(match[2])
  if (!bytes || prefix > bytes.length * 8) return null
  return { bytes, prefix }
}

const bitAt = (bytes: number[], i: number): number => ((bytes[i >> 3] as number) >> (7 - (i & 7))) & 1

/** A subnet: the network's address (no host bits set) and its prefix, `10.20.0.0/16`, `fd00:1::/64`. */
export function isCidr(text: string): boolean {
  const cidr = parseCidr(text)
  if (!cidr) return false
  for (let i = cidr.prefix; i < cidr.bytes.length * 8; i++) if (bitAt(cidr.bytes, i)) return false
  return true
}

/** Whether `address` lies inside `subnet` (both of one family). */
export function subnetHolds(subnet: string, address: string): boolean {
  const cidr = parseCidr(subnet)
  const bytes = ipBytes(address)
  if (!cidr || !bytes || bytes.length !== cidr.bytes.length) return false
  for (let i = 0; i < cidr.prefix; i++) if (bitAt(cidr.bytes, i) !== bitAt(bytes, i)) return false
  return true
}
