import { strict as assert } from 'node:assert'
import { describe, it } from 'node:test'
import { parse } from 'shell-quote'
import { cliLine, shellWord } from '@renderer/shared/cli'
import { volumePruneCli } from '@common/engine-api'

describe('CLI lines', () => {
  it('leave words a user types bare bare', () => {
    assert.equal(cliLine('docker', 'tag', 'ux/app:1', 'localhost:5000/team/app:1.0'), 'docker tag ux/app:1 localhost:5000/team/app:1.0')
    assert.equal(cliLine('docker', 'volume', 'create', '--label', 'env=dev', 'data'), 'docker volume create --label env=dev data')
  })

  it('quote the rest as a user would', () => {
    assert.equal(cliLine('docker', 'volume', 'create', 'Bad Name!'), "docker volume create 'Bad Name!'")
    assert.equal(shellWord('a*'), "'a*'")
    assert.equal(shellWord(''), "''")
  })

  it('are valid shell: each word reads back as itself', () => {
    const words = ['docker', 'cp', 'my file.txt', "it's", '$HOME', '`id`', 'a;b', 'x"y', 'tab\there', 'web:/app/src dir']
    assert.deepEqual(parse(cliLine(...words)), words)
  })

  it('choose the prune line by the engine API: -a only exists (and is needed) from 1.42', () => {
    assert.equal(volumePruneCli('1.41'), 'docker volume prune')
    assert.equal(volumePruneCli('1.42'), 'docker volume prune -a')
    assert.equal(volumePruneCli('1.45'), 'docker volume prune -a')
    assert.equal(volumePruneCli(undefined), 'docker volume prune')
  })
})
