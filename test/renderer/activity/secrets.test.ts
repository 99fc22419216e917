// What the activity history keeps of a line: the same line, with no secret's value.
import { strict as assert } from 'node:assert'
import { describe, it } from 'node:test'
import { withoutSecrets } from '@renderer/features/activity/secrets'

describe('a line without secrets', () => {
  for (const [line, kept] of [
    ['docker run -d -e DB_PASSWORD=hunter2 -e MODE=dev busybox', 'docker run -d -e DB_PASSWORD -e MODE=dev busybox'],
    ["docker run --env 'API_TOKEN=a b c' --env=GITHUB=ghp_abcdefghijklmnopqrstuvwxyz0123 x", 'docker run --env API_TOKEN --env=GITHUB x'],
    ['docker run -e "SECRET=it\'s" -e PATH=/usr/bin x', 'docker run -e SECRET -e PATH=/usr/bin x'],
    ['DOCKER_BUILDKIT=1 docker build --build-arg NPM_TOKEN=abc --build-arg VERSION=1.2 .', 'DOCKER_BUILDKIT=1 docker build --build-arg NPM_TOKEN --build-arg VERSION=1.2 .'],
    ['docker login -u me -p hunter2 localhost:5000', 'docker login -u me --password-stdin localhost:5000'],
    ['docker --context box login --password=hunter2 -u me', 'docker --context box login --password-stdin -u me'],
    ['docker run -p 8080:80 nginx', 'docker run -p 8080:80 nginx'],
    ['docker context create box --docker host=ssh://me:hunter2@far', 'docker context create box --docker host=ssh://me@far'],
    ['docker pull ux/app:1', 'docker pull ux/app:1'],
    ['docker run -e TOKEN= x', 'docker run -e TOKEN= x'],
  ] as const) {
    it(line, () => assert.equal(withoutSecrets(line), kept))
  }
})
