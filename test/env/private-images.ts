// A private engine of a test's own starts empty: it gets the fixture images from the engine
// `npm test` started (docker save | docker load), so nothing is pulled or built twice.
import { BUSYBOX_IMAGE, testDocker } from './session'

export async function copyFixtureImage(host: string, image = BUSYBOX_IMAGE): Promise<void> {
  const tarball = await testDocker().getImage(image).get()
  const answer = await testDocker(host).loadImage(tarball)
  // The engine loads while it answers: wait for the end of its answer.
  await new Promise<void>((done, fail) => {
    answer.on('end', done)
    answer.on('error', fail)
    answer.resume()
  })
}
