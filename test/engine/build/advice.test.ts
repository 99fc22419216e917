// Cache advice on real rebuilds: the changed file is named, the first step that missed the cache is
// the one that copies it, every later step ran again, and the install-first Dockerfile is offered.
import { strict as assert } from 'node:assert'
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { buildImage } from '@main/engine/build/build'
import { reorderAdvice } from '@main/engine/build/reorder'
import { BUSYBOX_IMAGE, testDocker } from '../../env/session'

const made: string[] = []
const temp = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  made.push(dir)
  return dir
}
after(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })))

describe('cache advice', () => {
  it('names the changed file, the first missed step and the reordering, after a rebuild', async () => {
    const docker = testDocker()
    const dir = temp('berth-advice-')
    const dataDir = temp('berth-advice-data-')
    writeFileSync(
      join(dir, 'Dockerfile'),
      `FROM ${BUSYBOX_IMAGE}\nRUN echo ${randomBytes(4).toString('hex')}\nWORKDIR /app\nCOPY . .\nRUN echo npm ci && cat package.json\nRUN ls\n`,
    )
    writeFileSync(join(dir, 'package.json'), '{}\n')
    writeFileSync(join(dir, 'package-lock.json'), '{}\n')
    mkdirSync(join(dir, 'src'))
    writeFileSync(join(dir, 'src', 'app.js'), 'one\n')
    const build = () => buildImage(docker, 'advice', { folder: dir, tags: [], buildArgs: [], builder: 'buildkit', network: 'none' }, { dataDir })

    const first = (await build()).result
    assert.equal(first.advice?.comparedWithLastBuild, false)
    writeFileSync(join(dir, 'src', 'app.js'), 'two\n')
    const second = (await build()).result
    const advice = second.advice
    assert.ok(advice)
    assert.equal(advice.comparedWithLastBuild, true)
    assert.deepEqual(advice.changes, [{ path: 'src/app.js', change: 'modified' }])
    assert.equal(advice.firstMiss?.instruction, 'COPY . .')
    assert.equal(advice.firstMiss?.rerun, 2)
    assert.deepEqual(second.steps.slice(1).map((s) => s.state), ['cached', 'cached', 'done', 'done', 'done'])
    assert.deepEqual(advice.reorder?.manifests, ['package.json', 'package-lock.json'])
    assert.match(advice.reorder?.dockerfile ?? '', /WORKDIR \/app\nCOPY package\.json package-lock\.json \.\/\nRUN echo npm ci && cat package\.json\nCOPY \. \.\nRUN ls\n/)
  })

  it('reorders for other package managers and leaves a good Dockerfile alone', () => {
    const has = (...files: string[]) => (p: string) => files.includes(p)
    const go = reorderAdvice('FROM golang\nWORKDIR /src\nCOPY --chown=1000 . /src\nRUN go mod download && go build\n', has('go.mod', 'go.sum'))
    assert.equal(go?.dockerfile, 'FROM golang\nWORKDIR /src\nCOPY --chown=1000 go.mod go.sum /src/\nRUN go mod download && go build\nCOPY --chown=1000 . /src\n')
    const pip = reorderAdvice('FROM python\nADD . /app\nRUN pip install \\\n  -r /app/reqs/dev.txt\n', has())
    assert.equal(pip?.installInstruction, 'RUN pip install -r /app/reqs/dev.txt')
    assert.equal(reorderAdvice('FROM node\nCOPY package.json .\nRUN npm ci\nCOPY . .\n', has('package.json')), undefined)
    assert.equal(reorderAdvice('FROM node AS a\nCOPY . .\nFROM node\nRUN npm ci\n', has('package.json')), undefined)
  })
})
