// The build page's command line: valid shell a user can paste, build-arg values included except
// those the user marked secret, with the builder said the way the CLI chooses it.
import { strict as assert } from 'node:assert'
import { describe, it } from 'node:test'
import { buildCli, secretNote } from '@renderer/features/build/build-cli'

describe('build command line', () => {
  it('quotes, shows build-arg values, leaves out only the secret ones, and names the builder', () => {
    const request = {
      folder: '/home/me/My App',
      dockerfile: 'docker/Dockerfile.dev',
      tags: ['me/app:1', ' ', 'me/app:latest'],
      buildArgs: [{ name: 'VERSION', value: '1.2 beta' }, { name: 'TOKEN', value: 's3cret value' }],
      target: 'build',
      noCache: true,
      pull: true,
      builder: 'classic' as const,
    }
    assert.equal(
      buildCli(request),
      "DOCKER_BUILDKIT=0 docker build -f '/home/me/My App/docker/Dockerfile.dev' -t me/app:1 -t me/app:latest --build-arg 'VERSION=1.2 beta' --build-arg 'TOKEN=s3cret value' --target build --no-cache --pull '/home/me/My App'",
    )
    const masked = buildCli(request, ['TOKEN'])
    assert.match(masked, / --build-arg 'VERSION=1.2 beta' --build-arg TOKEN --target /)
    assert.doesNotMatch(masked, /s3cret/)
    assert.equal(secretNote([]), null)
    assert.match(secretNote(['TOKEN']) ?? '', /leaves out the value of TOKEN \(marked secret\)/)
  })

  it('leaves out what the CLI defaults to', () => {
    assert.equal(buildCli({ folder: '/src', tags: [], buildArgs: [], builder: 'buildkit' }), 'DOCKER_BUILDKIT=1 docker build /src')
  })
})
