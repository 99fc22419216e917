// Sizes as the docker CLI prints them (github.com/docker/go-units), so a figure Berth computes can be
// compared with the CLI's text exactly: `docker system df` in decimal units, `docker stats` in binary.

const DECIMAL = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB']
const BINARY = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB']

/** Go's `%.4g`: four significant digits, no trailing zeros. */
const fourDigits = (n: number): string => String(Number(n.toPrecision(4)))

function custom(bytes: number, base: number, units: string[]): string {
  let size = bytes
  let i = 0
  while (size >= base && i < units.length - 1) {
    size /= base
    i++
  }
  return `${fourDigits(size)}${units[i]}`
}

/** `units.HumanSize`: 1985256 → "1.985MB" (`docker system df`). */
export const humanSize = (bytes: number): string => custom(bytes, 1000, DECIMAL)

/** `units.BytesSize`: 8 GiB → "8GiB" (`docker stats`). */
export const bytesSize = (bytes: number): string => custom(bytes, 1024, BINARY)
