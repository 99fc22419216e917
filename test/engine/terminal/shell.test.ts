// Finding a container's shell asks the engine about a few paths (the archive API's stat). Each answer
// must let go of its connection: one left held kept the test process alive for minutes after its
// tests, and would hold one of the app's connections for each shell opened.
import { strict as assert } from 'node:assert'
import { Agent } from 'node:http'
import { after, describe, it } from 'node:test'
import { findShell } from '@main/engine/terminal/shell'
import { createContainer, removeTestContainers, testDocker } from '../../env/session'
import { ENGINE_ANSWER_MS, within } from '../../env/wait'

describe('finding a shell', () => {
  after(() => removeTestContainers(testDocker()))

  it('lets go of each connection it used: with one connection allowed, it answers again and again', async () => {
    const c = await createContainer(testDocker())
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    const docker = testDocker(undefined, { agent })
    try {
      for (let i = 0; i < 3; i++) assert.equal(await within(findShell(docker, c.Id), `asking for the shell (${i + 1})`, ENGINE_ANSWER_MS), '/bin/sh')
    } finally {
      agent.destroy()
    }
  })
})
