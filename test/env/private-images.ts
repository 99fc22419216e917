// A private engine of a test's own starts empty: it gets the fixture images from the engine
// `npm test` started (docker save | docker load), so nothing is pulled or built twice.
import Dockerode from 'dockerode'
import { parseHost } from '@main/engine/endpoint'
import { BUSYBOX_IMAGE, testDocker } from './session'

/** Dockerode for a DOCKER_HOST value (a private engine's `host`). */
export const dockerFor = (host: string): Dockerode => new Dockerode(parseHost(host, {}))

export async function copyFixtureImage(host: string, image = BUSYBOX_IMAGE): Promise<void> {
  const tarball = await testDocker().getImage(image).get()
  const answer = await dockerFor(host).loadImage(tarball)
  // The engine loads while it answers: wait for the end of its answer.
  await new Promise<void>((done, fail) => {
    answer.on('end', done)
    answer.on('error', fail)
    answer.resume()
  })
}
