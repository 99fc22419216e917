// The service colours of the merged logs: readable on both themes' log background, and any two of the
// eight told apart by normal, protan, deutan and tritan eyes alike.
import { strict as assert } from 'node:assert'
import { describe, it } from 'node:test'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { LOG_BACKGROUND, SERVICE_PALETTE, serviceColours, type Theme } from '@renderer/features/projects/palette'
import { contrast, deltaE, seen, VISIONS } from './colour'

/** CIE76 distance under which two small text colours start to be mistaken for each other. */
const APART = 12

describe('service palette', () => {
  for (const theme of ['dark', 'light'] as Theme[]) {
    it(`${theme}: every colour reads at 4.5:1 on the log background`, () => {
      for (const colour of SERVICE_PALETTE[theme]) assert.ok(contrast(colour, LOG_BACKGROUND[theme]) >= 4.5, `${colour}: ${contrast(colour, LOG_BACKGROUND[theme]).toFixed(2)}`)
    })

    it(`${theme}: eight colours, any two apart for every kind of colour vision`, () => {
      const palette = SERVICE_PALETTE[theme]
      assert.equal(new Set(palette).size, 8)
      for (const vision of VISIONS) {
        for (let i = 0; i < palette.length; i++) {
          for (let j = i + 1; j < palette.length; j++) {
            const d = deltaE(seen(palette[i]!, vision), seen(palette[j]!, vision))
            assert.ok(d >= APART, `${vision}: ${palette[i]} and ${palette[j]} are only ${d.toFixed(1)} apart`)
          }
        }
      }
    })
  }

  it('measures against the backgrounds the stylesheet really has', () => {
    const css = readFileSync(resolve(__dirname, '../../../renderer/src/styles.css'), 'utf8')
    const [dark, light] = [...css.matchAll(/--log-bg:\s*(#[0-9a-f]{6})/gi)].map((m) => m[1]!.toLowerCase())
    assert.deepEqual({ dark, light }, LOG_BACKGROUND)
  })

  it('gives eight services eight colours, each keeping its own as the list is given', () => {
    const colours = serviceColours(['api', 'cache', 'db', 'mail', 'proxy', 'queue', 'web', 'worker', 'extra'])
    assert.deepEqual([...colours.values()].slice(0, 8), [0, 1, 2, 3, 4, 5, 6, 7])
    assert.equal(colours.get('extra'), 0, 'a ninth repeats')
    assert.deepEqual(serviceColours(['web', 'db', 'web']), new Map([['web', 0], ['db', 1]]))
  })
})
