// Published ports as Compose rows, consecutive ones joined back into the range the user typed:
// the engine keeps one binding per port.

/** Consecutive rows (`127.0.0.1:9000:90/udp`, `…:9001:91/udp`) as one range (`127.0.0.1:9000-9001:90-91/udp`), as the user likely typed them. */
export function portRanges(rows: string[]): string[] {
  type Row = { row: string; prefix: string; host: number; port: number; proto: string }
  const parsed = rows.map((row): Row | string => {
    const m = /^(.*:)?(\d+):(\d+)(\/\w+)?$/.exec(row)
    return m ? { row, prefix: m[1] ?? '', host: Number(m[2]), port: Number(m[3]), proto: m[4] ?? '' } : row
  })
  const out: string[] = []
  for (let i = 0; i < parsed.length; ) {
    const first = parsed[i]!
    let j = i + 1
    if (typeof first === 'string') {
      out.push(first)
      i = j
      continue
    }
    const follows = (next: Row | string | undefined, offset: number) =>
      typeof next === 'object' && next.prefix === first.prefix && next.proto === first.proto && next.host === first.host + offset && next.port === first.port + offset
    while (follows(parsed[j], j - i)) j++
    const last = j - i - 1
    out.push(last ? `${first.prefix}${first.host}-${first.host + last}:${first.port}-${first.port + last}${first.proto}` : first.row)
    i = j
  }
  return out
}
