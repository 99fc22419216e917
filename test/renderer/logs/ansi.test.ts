// Colour codes in log lines become styled text segments (rendered as text nodes, never HTML): the
// 16-colour palette as classes, 256-colour and true colour as CSSOM values, other escapes dropped.
import { strict as assert } from 'node:assert'
import { describe, it } from 'node:test'
import { markRanges, parseAnsi, stripAnsi, type Segment } from '@renderer/features/logs/ansi'
import { compileQuery } from '@renderer/features/logs/query'

const ESC = '\x1b'
const sgr = (...params: Array<number | string>): string => `${ESC}[${params.join(';')}m`

/** Segments as [text, classes, colour, background], for short comparisons. */
const brief = (segments: Segment[]) => segments.map((s) => [s.text, s.cls, s.style?.color ?? '', s.style?.backgroundColor ?? ''])

describe('ANSI colours', () => {
  it('leaves a line without escapes as one plain segment', () => {
    assert.deepEqual(parseAnsi('plain text'), [{ text: 'plain text', cls: '' }])
    assert.equal(stripAnsi('plain text'), 'plain text')
  })

  it('reads the 16 colours, foreground and background, and their resets', () => {
    const line = `${sgr(31)}red${sgr(91)}bright${sgr(42)}on green${sgr(102)}on bright${sgr(39)}default fg${sgr(49)}plain`
    assert.deepEqual(brief(parseAnsi(line)), [
      ['red', 'fg-1', '', ''],
      ['bright', 'fg-9', '', ''],
      ['on green', 'fg-9 bg-2', '', ''],
      ['on bright', 'fg-9 bg-10', '', ''],
      ['default fg', 'bg-10', '', ''],
      ['plain', '', '', ''],
    ])
  })

  it('reads bold, dim, italic and underline, several in one escape, and turns them off', () => {
    const line = `${sgr(1, 3, 4, 33)}all${sgr(22)}no bold${sgr(2)}dim${sgr(22, 23)}under${sgr(24)}yellow${sgr(0)}reset${sgr(1)}bold${ESC}[mreset`
    assert.deepEqual(brief(parseAnsi(line)), [
      ['all', 'fg-3 b i u', '', ''],
      ['no bold', 'fg-3 i u', '', ''],
      ['dim', 'fg-3 dim i u', '', ''],
      ['under', 'fg-3 u', '', ''],
      ['yellow', 'fg-3', '', ''],
      ['reset', '', '', ''],
      ['bold', 'b', '', ''],
      ['reset', '', '', ''],
    ])
  })

  it('reads 256 colours: the 16 as classes, the cube and the greys as rgb()', () => {
    const cases: Array<[number, string]> = [
      [16, 'rgb(0,0,0)'],
      [21, 'rgb(0,0,255)'],
      [196, 'rgb(255,0,0)'],
      [46, 'rgb(0,255,0)'],
      [67, 'rgb(95,135,175)'],
      [231, 'rgb(255,255,255)'],
      [232, 'rgb(8,8,8)'],
      [244, 'rgb(128,128,128)'],
      [255, 'rgb(238,238,238)'],
    ]
    for (const [n, rgb] of cases) {
      assert.deepEqual(parseAnsi(`${sgr(38, 5, n)}x`), [{ text: 'x', cls: '', style: { color: rgb } }], `fg ${n}`)
      assert.deepEqual(parseAnsi(`${sgr(48, 5, n)}x`), [{ text: 'x', cls: '', style: { backgroundColor: rgb } }], `bg ${n}`)
    }
    assert.deepEqual(parseAnsi(`${sgr(38, 5, 9)}x`), [{ text: 'x', cls: 'fg-9' }])
    assert.deepEqual(parseAnsi(`${sgr(48, 5, 4)}x`), [{ text: 'x', cls: 'bg-4' }])
  })

  it('reads true colour, and goes on reading the parameters after it', () => {
    assert.deepEqual(brief(parseAnsi(`${sgr(38, 2, 10, 20, 30, 1)}a${sgr(48, 2, 1, 2, 3, 4)}b${sgr(38, 5, 196, 3)}c${sgr(39, 49)}d`)), [
      ['a', 'b', 'rgb(10,20,30)', ''],
      ['b', 'b u', 'rgb(10,20,30)', 'rgb(1,2,3)'],
      ['c', 'b i u', 'rgb(255,0,0)', 'rgb(1,2,3)'],
      ['d', 'b i u', '', ''],
    ])
  })

  it('inverse swaps the colours, and shows the default ones swapped too', () => {
    assert.deepEqual(brief(parseAnsi(`${sgr(7)}inv${sgr(32, 44)}swapped${sgr(27)}back`)), [
      ['inv', 'bg-inverse', '', ''],
      ['swapped', 'fg-4 bg-2', '', ''],
      ['back', 'fg-2 bg-4', '', ''],
    ])
    assert.deepEqual(brief(parseAnsi(`${sgr(38, 2, 1, 2, 3, 7)}x`)), [['x', '', '', 'rgb(1,2,3)']])
  })

  it('drops the other escapes: cursor moves, erases, titles, hyperlinks', () => {
    const cases: Array<[string, string]> = [
      [`${ESC}[2K${ESC}[1A${ESC}[?25lprogress 50%`, 'progress 50%'],
      [`${ESC}]0;my title\x07after`, 'after'],
      [`${ESC}]0;my title${ESC}\\after`, 'after'],
      [`see ${ESC}]8;;https://example.com${ESC}\\the docs${ESC}]8;;${ESC}\\.`, 'see the docs.'],
      [`a${ESC}Mb${ESC}Dc`, 'abc'],
    ]
    for (const [line, text] of cases) {
      assert.equal(stripAnsi(line), text, JSON.stringify(line))
      assert.equal(parseAnsi(line).map((s) => s.text).join(''), text, JSON.stringify(line))
      assert.ok(parseAnsi(line).every((s) => s.cls === '' && !s.style), `${JSON.stringify(line)}: no style from a non-SGR escape`)
    }
  })

  it('drops the escapes that are not CSI or OSC: tput sgr0, cursor save and restore, keypad modes, reset', () => {
    // `tput sgr0` writes ESC ( B before every reset; coloured shell scripts are full of it.
    const line = `${ESC}(B${sgr()}ok ${ESC}7saved${ESC}8 ${ESC}=keys${ESC}> ${ESC}cclear ${ESC}#8`
    assert.equal(stripAnsi(line), 'ok saved keys clear ')
    assert.deepEqual(brief(parseAnsi(`${sgr(31)}red${ESC}(B${sgr()} plain`)), [['red', 'fg-1', '', ''], [' plain', '', '', '']])
  })

  it('reads only SGR as colours: a private mode ending in m (xterm modifyOtherKeys) changes nothing', () => {
    assert.deepEqual(brief(parseAnsi(`${ESC}[>4;2mtext`)), [['text', '', '', '']])
    assert.deepEqual(brief(parseAnsi(`${sgr(31)}${ESC}[?1mstill red`)), [['still red', 'fg-1', '', '']])
  })

  it('reads the colon form of colours and underline styles', () => {
    assert.deepEqual(brief(parseAnsi(`${ESC}[38:2::255:0:0mred`)), [['red', '', 'rgb(255,0,0)', '']])
    assert.deepEqual(brief(parseAnsi(`${ESC}[38:2:10:20:30mrgb`)), [['rgb', '', 'rgb(10,20,30)', '']])
    assert.deepEqual(brief(parseAnsi(`${ESC}[48:5:196mbg`)), [['bg', '', '', 'rgb(255,0,0)']])
    assert.deepEqual(brief(parseAnsi(`${ESC}[1;4:3mcurly${ESC}[4:0mplain`)), [['curly', 'b u', '', ''], ['plain', 'b', '', '']])
  })

  it('keeps the colour when an extended colour names none (38;5 without an index)', () => {
    assert.deepEqual(brief(parseAnsi(`${sgr(32)}${sgr(38, 5)}green`)), [['green', 'fg-2', '', '']])
    assert.deepEqual(brief(parseAnsi(`${sgr(32)}${sgr(38, 2, 1)}green`)), [['green', 'fg-2', '', '']])
  })

  it('keeps the text of lines with broken escapes, and never throws on them', () => {
    for (const line of [`ok ${ESC}[31`, `ok ${ESC}`, `ok ${ESC}[`, `ok ${ESC}[38;5m`, `ok ${ESC}[38;2;1m`, `ok ${ESC}[48;5;999m!`, `ok ${ESC}[;;;m!`, `ok ${ESC}]0;no end`]) {
      const segments = parseAnsi(line)
      const text = segments.map((s) => s.text).join('')
      assert.equal(text, stripAnsi(line), JSON.stringify(line))
      assert.ok(text.startsWith('ok '), `${JSON.stringify(line)} → ${JSON.stringify(text)}`)
    }
    // A colour one line never resets does not carry into the next: each line starts plain.
    parseAnsi(`${sgr(31)}red, never reset`)
    assert.deepEqual(parseAnsi(`next ${sgr(1)}x`)[0], { text: 'next ', cls: '' })
  })

  it('never turns log text into markup: it stays text, and styles hold only colours', () => {
    const hostile = `${sgr(31)}<img src=x onerror=alert(1)>${sgr(38, 2, 1, 2, 3)}&lt;b&gt; "quoted" 'single' <script>x</script>${sgr(0)}</span>`
    const segments = parseAnsi(hostile)
    assert.equal(segments.map((s) => s.text).join(''), `<img src=x onerror=alert(1)>&lt;b&gt; "quoted" 'single' <script>x</script></span>`)
    assert.ok(segments.some((s) => s.text === '<img src=x onerror=alert(1)>' && s.cls === 'fg-1'))
    for (const s of segments) assert.deepEqual(Object.keys(s).filter((k) => !['text', 'cls', 'style'].includes(k)), [])
  })

  it('only ever yields palette classes and rgb() colours, whatever bytes it is given (random lines)', () => {
    let seed = 7
    const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n
    const alphabet = [ESC, ESC, '[', '[', ']', ';', ';', ':', 'm', 'm', '5', '2', '38', '48', '1', '0', '999', '<', '>', '"', '\x07', '\\', '(', 'x', ' ', '?']
    const CLASS = /^(fg-\d+|bg-\d+|bg-inverse|b|dim|i|u)$/
    const RGB = /^rgb\(\d+,\d+,\d+\)$/
    for (let round = 0; round < 2000; round++) {
      let line = ''
      for (let k = random(30); k > 0; k--) line += alphabet[random(alphabet.length)]
      const segments = parseAnsi(line)
      assert.equal(segments.map((s) => s.text).join(''), stripAnsi(line), JSON.stringify(line))
      for (const s of segments) {
        for (const cls of s.cls.split(' ').filter(Boolean)) assert.match(cls, CLASS, JSON.stringify(line))
        const classes = s.cls.match(/(?:fg|bg)-(\d+)/g) ?? []
        for (const c of classes) assert.ok(Number(c.slice(3)) < 16, `${JSON.stringify(line)}: ${c}`)
        for (const value of Object.values(s.style ?? {})) assert.match(value, RGB, JSON.stringify(line))
      }
    }
  })
})

describe('stripAnsi', () => {
  it('gives the text the segments hold, which is what search runs on', () => {
    const line = `${sgr(1, 31)}ERROR${sgr(0)} ${ESC}[2Kdisk ${sgr(38, 5, 208)}full${sgr(0)}`
    assert.equal(stripAnsi(line), 'ERROR disk full')
    assert.equal(parseAnsi(line).map((s) => s.text).join(''), 'ERROR disk full')
  })
})

describe('marking search matches', () => {
  it('leaves segments alone when nothing matched', () => {
    const segments = parseAnsi(`${sgr(31)}red`)
    assert.equal(markRanges(segments, []), segments)
  })

  it('splits segments at the range edges and keeps each part its style', () => {
    const line = `${sgr(31)}red ${sgr(38, 2, 1, 2, 3)}rgb${sgr(0)} plain`
    const text = stripAnsi(line)
    const ranges = compileQuery('d r|b p', true).matcher?.ranges(text) ?? []
    assert.deepEqual(ranges, [[2, 5], [6, 9]])
    const marked = markRanges(parseAnsi(line), ranges)
    assert.equal(marked.map((s) => s.text).join(''), text)
    assert.deepEqual(
      marked.map((s) => [s.text, s.cls, s.style?.color ?? '', s.mark === true]),
      [
        ['re', 'fg-1', '', false],
        ['d ', 'fg-1', '', true],
        ['r', '', 'rgb(1,2,3)', true],
        ['g', '', 'rgb(1,2,3)', false],
        ['b', '', 'rgb(1,2,3)', true],
        [' p', '', '', true],
        ['lain', '', '', false],
      ],
    )
  })

  it('marks a whole plain line, and a match that spans three segments', () => {
    assert.deepEqual(markRanges(parseAnsi('abc'), [[0, 3]]), [{ text: 'abc', cls: '', mark: true }])
    const marked = markRanges(parseAnsi(`a${sgr(1)}b${sgr(2)}c${sgr(0)}d`), [[0, 3]])
    assert.deepEqual(marked.map((s) => [s.text, s.mark === true]), [['a', true], ['b', true], ['c', true], ['d', false]])
  })
})
