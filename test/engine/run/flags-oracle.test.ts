// The docker CLI is the oracle for every flag family of flags.ts: for each line of a table of
// real-world lines, `docker create` by the 20.10 CLI and Berth's run (create) on the same engine make
// containers whose inspect is the same, field by field (flag-fields.ts lists what is normalised);
// the line the dialog displays for Berth's spec, given to the CLI, makes the same container again;
// and the spec read back from the CLI's container (Edit…, Run again…) makes it once more.
import { strict as assert } from 'node:assert'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, afterEach, before, describe, it } from 'node:test'
import type Dockerode from 'dockerode'
import { quote } from 'shell-quote'
import { runContainer } from '@main/engine/run/run'
import { runSpecOf } from '@main/engine/run/spec-from-container'
import { parseRunLine, runWords } from '@common/run/cli'
import { runSpecSchema, type RunSpec } from '@common/run/spec'
import { alreadyGone, BUSYBOX_IMAGE, removeTestContainers, testDocker, uniqueName } from '../../env/session'
import { TEST_LABEL } from '../../env/fixtures'
import { docker as cli } from '../../env/docker-cli'
import { testEngineKind } from '../../env/engine'
import { flagFields } from './flag-fields'
import { flagCases, type FlagCase } from './flag-cases'

const podman = testEngineKind() === 'podman'

/** A spec from the words the CLI gets, read by Berth's parser and validated as main does. */
function specFor(words: string[]): RunSpec {
  const parsed = parseRunLine(quote(['docker', 'create', ...words]))
  assert.deepEqual([...parsed.problems, ...parsed.unsupported], [], words.join(' '))
  return runSpecSchema.parse(parsed.spec) as RunSpec
}

describe('every run flag family, compared with the 20.10 CLI', () => {
  let docker: Dockerode
  let scratch: string
  const volumes: string[] = []
  before(() => {
    docker = testDocker()
    scratch = mkdtempSync(join(tmpdir(), 'berth-flags-'))
    writeFileSync(join(scratch, 'app.env'), '# settings\nMODE=production\n  SPACED= kept \n')
    writeFileSync(join(scratch, 'labels'), 'com.example.team=web\n# comment\ncom.example.tier=front\nlone-key-skipped\n')
  })
  afterEach(() => removeTestContainers(docker))
  after(async () => {
    await removeTestContainers(docker)
    for (const v of volumes) await docker.getVolume(v).remove().catch(alreadyGone)
    await docker.pruneVolumes().catch(() => {})
    rmSync(scratch, { recursive: true, force: true })
  })

  for (const c of flagCases(podman)) {
    it(c.title, async () => {
      const data = uniqueName('berth-fdata')
      volumes.push(data, `${data}-cli`, `${data}-shown`, `${data}-back`)
      const words = (name: string, volume: string) => [
        '--name', name, '--label', `${TEST_LABEL}=1`,
        ...c.flags.map((f) => f.replaceAll('SCRATCH', scratch).replaceAll('DATA', volume)),
        BUSYBOX_IMAGE, ...(c.cmd ?? ['true']),
      ]
      const theirs = uniqueName('cli-flags')
      const ours = uniqueName('berth-flags')
      if (c.refusedBy) {
        await assert.rejects(cli(['create', ...words(theirs, data)]), c.refusedBy)
        // Refused in main, by the spec's own check or by the engine, and nothing is left.
        const refused = c.refusedBy
        await assert.rejects(async () => runContainer(docker, specFor(words(ours, data)), { create: true, confirmDangerous: true }), refused)
        await assert.rejects(docker.getContainer(ours).inspect(), /no such container/i)
        return
      }
      if (c.cliRefuses) {
        await assert.rejects(cli(['create', ...words(theirs, `${data}-cli`)]), c.cliRefuses)
        await runContainer(docker, specFor(words(ours, data)), { create: true, confirmDangerous: true })
        const mine = flagFields(await docker.getContainer(ours).inspect(), { [data]: 'DATA' })
        c.check?.(mine)
        const back = (await runSpecOf(docker, ours)).spec as unknown as Record<string, unknown>
        for (const [key, value] of Object.entries(c.readBack ?? {})) assert.deepEqual(back[key], value, key)
        return
      }
      await cli(['create', ...words(theirs, `${data}-cli`)])
      const spec = specFor(words(ours, data))
      const result = await runContainer(docker, spec, { create: true, confirmDangerous: true })
      assert.equal(result.started, false)
      const fields = async (name: string, volume: string) => flagFields(await docker.getContainer(name).inspect(), { [volume]: 'DATA' })
      const fromCli = await fields(theirs, `${data}-cli`)
      assert.deepEqual(await fields(ours, data), fromCli, `Berth's run: ${c.title}`)
      c.check?.(fromCli)

      // The line the dialog shows, given to the CLI, makes the same container again.
      const shownName = uniqueName('cli-shown')
      const shown = runWords(specFor(words(shownName, `${data}-shown`)), 'create')
      await cli(shown.slice(1))
      assert.deepEqual(await fields(shownName, `${data}-shown`), fromCli, `the displayed line: ${quote(shown)}`)

      // Edit… and Run again…: the spec read back from the CLI's container makes it once more.
      const back = await runSpecOf(docker, theirs)
      if (c.readBackDiffers) {
        for (const [key, value] of Object.entries(c.readBackDiffers)) assert.deepEqual((back.spec as unknown as Record<string, unknown>)[key], value, key)
        return
      }
      const again = uniqueName('cli-back')
      const backSpec = { ...back.spec, name: again }
      const backWords = runWords(backSpec, 'create').map((w) => w.replaceAll(`${data}-cli`, `${data}-back`))
      await cli(backWords.slice(1))
      assert.deepEqual(await fields(again, `${data}-back`), fromCli, `read back: ${quote(backWords)} (not kept: ${back.notKept.join(', ')})`)
    })
  }
})
export type { FlagCase }
