// The build page's command line: valid shell a user can paste, naming build args without their
// values (often secrets), with the builder said the way the CLI chooses it.
import { strict as assert } from 'node:assert'
import { describe, it } from 'node:test'
import { buildCli } from '@renderer/features/build/build-cli'

describe('build command line', () => {
  it('quotes, masks build-arg values and names the builder', () => {
    const line = buildCli({
      folder: '/home/me/My App',
      dockerfile: 'docker/Dockerfile.dev',
      tags: ['me/app:1', ' ', 'me/app:latest'],
      buildArgs: [{ name: 'TOKEN', value: 's3cret value' }],
      target: 'build',
      noCache: true,
      pull: true,
      builder: 'classic',
    })
    assert.equal(
      line,
      "DOCKER_BUILDKIT=0 docker build -f '/home/me/My App/docker/Dockerfile.dev' -t me/app:1 -t me/app:latest --build-arg TOKEN --target build --no-cache --pull '/home/me/My App'",
    )
    assert.doesNotMatch(line, /s3cret/)
  })

  it('leaves out what the CLI defaults to', () => {
    assert.equal(buildCli({ folder: '/src', tags: [], buildArgs: [], builder: 'buildkit' }), 'DOCKER_BUILDKIT=1 docker build /src')
  })
})
