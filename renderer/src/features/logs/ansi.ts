// ANSI SGR escapes (colours, bold, underline…) turned into styled text segments that Vue renders
// as plain text nodes. Other escapes (cursor moves, titles) are dropped. Never HTML: log text is untrusted.

export interface Segment {
  text: string
  /** Class names from the 16-colour palette and the attributes. */
  cls: string
  /** 256-colour and true-colour values, set through CSSOM (allowed by the CSP, unlike style attributes in markup). */
  style?: { color?: string; backgroundColor?: string }
  /** Part of a search match. */
  mark?: boolean
}

// CSI … final byte, OSC … BEL/ST, and every other escape: ESC, intermediates, a final byte (`ESC ( B`,
// which `tput sgr0` writes before every reset; `ESC 7`, `ESC =`, `ESC c`). Control characters are the point here.
// eslint-disable-next-line no-control-regex
const ESCAPE = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[ -/]*[0-~]/g

/** Select Graphic Rendition: parameters only, no private prefix (`ESC[>4;2m` is a keyboard mode, not a colour). */
// eslint-disable-next-line no-control-regex
const SGR = /^\x1b\[([0-9;:]*)m$/

export function stripAnsi(text: string): string {
  return text.includes('\x1b') ? text.replace(ESCAPE, '') : text
}

interface Pen {
  fg: number | string | null
  bg: number | string | null
  bold: boolean
  dim: boolean
  italic: boolean
  underline: boolean
  inverse: boolean
}

const blank = (): Pen => ({ fg: null, bg: null, bold: false, dim: false, italic: false, underline: false, inverse: false })

function color256(n: number): number | string {
  if (n < 16) return n
  if (n >= 232) {
    const v = 8 + (n - 232) * 10
    return `rgb(${v},${v},${v})`
  }
  const c = n - 16
  const level = (x: number) => (x === 0 ? 0 : 55 + x * 40)
  return `rgb(${level(Math.floor(c / 36))},${level(Math.floor(c / 6) % 6)},${level(c % 6)})`
}

type Colour = number | string | undefined

const byte = (n: number | undefined): number | undefined => (n === undefined || Number.isNaN(n) ? undefined : Math.min(255, n))
const rgb = (r?: number, g?: number, b?: number): Colour =>
  r === undefined || g === undefined || b === undefined ? undefined : `rgb(${r},${g},${b})`

/**
 * Reads 38;5;n or 38;2;r;g;b starting at params[i]; returns the colour (undefined when the escape
 * names none: the colour stays as it was) and how many params it used.
 */
function extended(params: number[], i: number): [Colour, number] {
  if (params[i + 1] === 5) {
    const n = byte(params[i + 2])
    return [n === undefined ? undefined : color256(n), 3]
  }
  if (params[i + 1] === 2) return [rgb(byte(params[i + 2]), byte(params[i + 3]), byte(params[i + 4])), 5]
  return [undefined, 1]
}

/** The ITU colon form, one parameter: 38:5:n, 38:2:r:g:b or 38:2:colourspace:r:g:b. */
function extendedColon(parts: number[]): Colour {
  if (parts[1] === 5) {
    const n = byte(parts[2])
    return n === undefined ? undefined : color256(n)
  }
  if (parts[1] === 2) {
    const [r, g, b] = parts.length >= 6 ? parts.slice(3, 6) : parts.slice(2, 5)
    return rgb(byte(r), byte(g), byte(b))
  }
  return undefined
}

/** One parameter with sub-parameters (`4:3` curly underline, `38:2::255:0:0`). */
function applyColon(pen: Pen, param: string): void {
  const parts = param.split(':').map((p) => (p === '' ? NaN : Number(p)))
  const [head] = parts
  if (head === 38 || head === 48) {
    const value = extendedColon(parts)
    if (value === undefined) return
    if (head === 38) pen.fg = value
    else pen.bg = value
  } else if (head === 4) pen.underline = parts[1] !== 0
  else if (head !== undefined && !Number.isNaN(head)) apply(pen, [head])
}

function applySgr(pen: Pen, body: string): void {
  if (body === '') return apply(pen, [0])
  if (!body.includes(':')) return apply(pen, body.split(';').map((p) => Number(p) || 0))
  let plain: number[] = []
  for (const param of body.split(';')) {
    if (!param.includes(':')) {
      plain.push(Number(param) || 0)
      continue
    }
    apply(pen, plain)
    plain = []
    applyColon(pen, param)
  }
  apply(pen, plain)
}

function apply(pen: Pen, params: number[]): void {
  for (let i = 0; i < params.length; i++) {
    const p = params[i] as number
    if (p === 0) Object.assign(pen, blank())
    else if (p === 1) pen.bold = true
    else if (p === 2) pen.dim = true
    else if (p === 3) pen.italic = true
    else if (p === 4) pen.underline = true
    else if (p === 7) pen.inverse = true
    else if (p === 22) pen.bold = pen.dim = false
    else if (p === 23) pen.italic = false
    else if (p === 24) pen.underline = false
    else if (p === 27) pen.inverse = false
    else if (p >= 30 && p <= 37) pen.fg = p - 30
    else if (p >= 90 && p <= 97) pen.fg = p - 90 + 8
    else if (p >= 40 && p <= 47) pen.bg = p - 40
    else if (p >= 100 && p <= 107) pen.bg = p - 100 + 8
    else if (p === 39) pen.fg = null
    else if (p === 49) pen.bg = null
    else if (p === 38 || p === 48) {
      const [value, used] = extended(params, i)
      if (value !== undefined && p === 38) pen.fg = value
      else if (value !== undefined) pen.bg = value
      i += used - 1
    }
  }
}

function toSegment(text: string, pen: Pen): Segment {
  const fg = pen.inverse ? pen.bg : pen.fg
  const bg = pen.inverse ? (pen.fg ?? 'inverse') : pen.bg
  const cls = [
    typeof fg === 'number' ? `fg-${fg}` : '',
    typeof bg === 'number' ? `bg-${bg}` : bg === 'inverse' ? 'bg-inverse' : '',
    pen.bold ? 'b' : '',
    pen.dim ? 'dim' : '',
    pen.italic ? 'i' : '',
    pen.underline ? 'u' : '',
  ]
    .filter(Boolean)
    .join(' ')
  const style: Segment['style'] = {}
  if (typeof fg === 'string') style.color = fg
  if (typeof bg === 'string' && bg !== 'inverse') style.backgroundColor = bg
  return style.color || style.backgroundColor ? { text, cls, style } : { text, cls }
}

/** Splits a line into segments; their texts joined equal stripAnsi(line). */
export function parseAnsi(line: string): Segment[] {
  if (!line.includes('\x1b')) return [{ text: line, cls: '' }]
  const out: Segment[] = []
  const pen = blank()
  let last = 0
  for (const match of line.matchAll(ESCAPE)) {
    if (match.index > last) out.push(toSegment(line.slice(last, match.index), pen))
    const code = match[0]
    const sgr = SGR.exec(code)
    if (sgr) applySgr(pen, sgr[1] ?? '')
    last = match.index + code.length
  }
  if (last < line.length) out.push(toSegment(line.slice(last), pen))
  return out
}

/** Marks the ranges [start, end) of the segments' joined text. */
export function markRanges(segments: Segment[], ranges: Array<[number, number]>): Segment[] {
  if (!ranges.length) return segments
  const out: Segment[] = []
  let offset = 0
  let r = 0
  for (const seg of segments) {
    const end = offset + seg.text.length
    let pos = offset
    while (pos < end) {
      while (r < ranges.length && (ranges[r] as [number, number])[1] <= pos) r++
      const range = ranges[r]
      if (!range || range[0] >= end) {
        out.push({ ...seg, text: seg.text.slice(pos - offset) })
        break
      }
      if (range[0] > pos) {
        out.push({ ...seg, text: seg.text.slice(pos - offset, range[0] - offset) })
        pos = range[0]
      }
      const stop = Math.min(range[1], end)
      out.push({ ...seg, text: seg.text.slice(pos - offset, stop - offset), mark: true })
      pos = stop
    }
    offset = end
  }
  return out
}
