import { strict as assert } from 'node:assert'
import { describe, it } from 'node:test'
import { parseLabels } from '@renderer/features/volumes/volume-labels'

describe('the labels box of the create-volume form', () => {
  it('keeps keys that are also names on Object.prototype, as own keys that reach the bridge', () => {
    const parsed = parseLabels('__proto__=p, constructor=c, toString=t, hasOwnProperty=h')
    assert.ok(parsed.ok)
    assert.deepEqual(Object.keys(parsed.labels), ['__proto__', 'constructor', 'toString', 'hasOwnProperty'])
    assert.equal(Object.getPrototypeOf(parsed.labels), null)
    // What the browser-mode transport sends, and what the store shows as `--label` flags.
    assert.equal(JSON.stringify(parsed.labels), '{"__proto__":"p","constructor":"c","toString":"t","hasOwnProperty":"h"}')
    assert.deepEqual(Object.entries(parsed.labels)[0], ['__proto__', 'p'])
  })

  it('keeps "=" in values and reads an empty box as no labels', () => {
    const parsed = parseLabels('a=b=c, empty=')
    assert.ok(parsed.ok)
    assert.deepEqual(Object.entries(parsed.labels), [['a', 'b=c'], ['empty', '']])
    assert.deepEqual(parseLabels('  '), { ok: true, labels: Object.create(null) })
  })

  it('refuses a key given twice, naming it, instead of keeping only one value', () => {
    assert.deepEqual(parseLabels('team=a, team=b'), { ok: false, message: 'The label "team" is given twice: keep one value.' })
    assert.equal(parseLabels('__proto__=a, __proto__=b').ok, false)
  })

  it('refuses a part without a key, naming it shortened', () => {
    assert.deepEqual(parseLabels('a=1, =x'), { ok: false, message: '"=x" is not a label: write key=value, separated by commas.' })
    const long = parseLabels(`${'k'.repeat(10_000)}`)
    assert.ok(!long.ok && long.message.length < 120, 'a long part is not echoed whole')
  })
})
