// How the palette reads a line ("stop web") and what it offers for it: verbs narrow the targets to
// those that answer to them, an empty name still lists something, and the cap holds.
import { strict as assert } from 'node:assert'
import { describe, it } from 'node:test'
import { bestMatches, readLine, target, verbHints, type Target } from '@renderer/features/palette/palette-query'

const web = target('container', 'web', 'nginx · running', ['open', 'logs', 'stop', 'remove'])
const worker = target('container', 'worker', 'busybox · exited', ['open', 'logs', 'start', 'remove'])
const page = target('page', 'Volumes', 'page', ['open'])
const image = target('image', 'nginx:1.25', 'image', ['open', 'pull'])
const all: Target[] = [page, web, worker, image]
const names = (line: string, targets = all) => bestMatches(readLine(line), targets).map((c) => `${c.verb} ${c.target.name}`)

describe('a palette line', () => {
  it('reads a leading verb only when a name may follow it', () => {
    assert.deepEqual(readLine('stop web'), { verb: 'stop', name: 'web' })
    assert.deepEqual(readLine('  Logs  My App '), { verb: 'logs', name: 'myapp' })
    assert.deepEqual(readLine('stop'), { verb: null, name: 'stop' }, 'a container may be called stopwatch')
    assert.deepEqual(readLine('web'), { verb: null, name: 'web' })
    assert.deepEqual(readLine('frob web'), { verb: null, name: 'frobweb' })
  })

  it('hints the verbs a word begins', () => {
    assert.deepEqual(verbHints('st'), ['stats', 'start', 'stop'])
    assert.deepEqual(verbHints('re'), ['restart', 'remove'])
    assert.deepEqual(verbHints('stop web'), [])
    assert.deepEqual(verbHints(''), [])
  })
})

describe('the matches for a line', () => {
  it('open the best match without a verb', () => {
    assert.deepEqual(names('w'), ['open web', 'open worker'])
    assert.deepEqual(names('wkr'), ['open worker'])
    assert.deepEqual(names('vol'), ['open Volumes'])
  })

  it('with a verb, offer only the targets that answer to it', () => {
    assert.deepEqual(names('stop w'), ['stop web'], 'a stopped container is not offered a stop')
    assert.deepEqual(names('start w'), ['start worker'])
    assert.deepEqual(names('pull ngx'), ['pull nginx:1.25'])
    assert.deepEqual(names('remove '), ['remove web', 'remove worker'], 'a verb alone lists what it applies to')
  })

  it('list the first targets for an empty line, and never more than the limit', () => {
    assert.deepEqual(names(''), ['open Volumes', 'open web', 'open worker', 'open nginx:1.25'])
    const many = Array.from({ length: 5000 }, (_, i) => target('container', `web-${i}`, '', ['open']))
    assert.equal(bestMatches(readLine('web'), many).length, 50)
    assert.equal(bestMatches(readLine('web-4999'), many)[0]!.target.name, 'web-4999')
  })
})
