// Finding a container's shell asks the engine about a few paths (the archive API's stat). Each answer
// must let go of its connection: one left held kept the test process alive for minutes after its
// tests, and would hold one of the app's connections for each shell opened.
import { strict as assert } from 'node:assert'
import { Agent } from 'node:http'
import { after, describe, it } from 'node:test'
import { findShell } from '@main/engine/terminal/shell'
import { createContainer, removeTestContainers, testDocker } from '../../env/session'
import { ENGINE_ANSWER_MS } from '../../env/wait'

const within = <T>(ms: number, what: string, promise: Promise<T>): Promise<T> =>
  Promise.race([promise, new Promise<T>((_, fail) => setTimeout(() => fail(new Error(`${what} took over ${ms} ms`)), ms).unref())])

describe('finding a shell', () => {
  after(() => removeTestContainers(testDocker()))

  it('lets go of each connection it used: with one connection allowed, it answers again and again', async () => {
    const c = await createContainer(testDocker())
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    const docker = testDocker(undefined, { agent })
    try {
      for (let i = 0; i < 3; i++) assert.equal(await within(ENGINE_ANSWER_MS, `asking for the shell (${i + 1})`, findShell(docker, c.Id)), '/bin/sh')
    } finally {
      agent.destroy()
    }
  })
})
