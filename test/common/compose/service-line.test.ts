// Lines of the compose CLIs' output, tagged with the service they name: docker-compose 1.x, the
// docker compose plugin, BuildKit's steps and podman-compose.
import { strict as assert } from 'node:assert'
import { describe, it } from 'node:test'
import { serviceMatcher, serviceTagger } from '@common/compose/service-line'

const tag = serviceMatcher('app', ['web', 'web-api', 'db'])

describe('which service a compose output line names', () => {
  it('reads docker-compose 1.x lines', () => {
    assert.equal(tag('Creating app_web_1 ... done'), 'web')
    assert.equal(tag('Creating app_web-api_1 ... '), 'web-api')
    assert.equal(tag('Pulling db (busybox:latest)...'), 'db')
    assert.equal(tag('Building web'), 'web')
    assert.equal(tag('db uses an image, skipping'), 'db')
    assert.equal(tag('Creating network "app_default" with the default driver'), undefined)
  })

  it('reads the plugin’s lines and BuildKit’s steps', () => {
    assert.equal(tag(' Container app-web-1  Started'), 'web')
    assert.equal(tag(' ✔ Container app-web-api-1  Created'), 'web-api')
    assert.equal(tag(' ✔ db Pulled'), 'db')
    assert.equal(tag('#5 [web 2/3] RUN echo hi'), 'web')
    assert.equal(tag(' Network app_default  Created'), undefined)
  })

  it('reads podman-compose’s podman commands', () => {
    assert.equal(tag('podman start -a app_db_1'), 'db')
    assert.equal(tag('podman create --name=app_web_1 --label io.podman.compose.project=app'), 'web')
  })

  it('carries a 1.x build’s service over the builder’s lines, until a line names another', () => {
    const tagger = serviceTagger('app', ['web', 'api'])
    const lines = ['Creating network "app_default" with the default driver', 'Building api', 'Step 1/2 : FROM busybox', 'Successfully tagged acme/api:dev', 'Creating app_web_1 ... done', 'Creating app_api_1 ... done', 'Attaching to nothing']
    assert.deepEqual(lines.map(tagger), [undefined, 'api', 'api', 'api', 'web', 'api', undefined])
  })
})
