// What differs when the compose CLI acts on Podman's service, said in the window (and the README).
import type { ComposeCli } from '@common/compose/command'

export function podmanNotes(cli: ComposeCli | null): string[] {
  if (!cli) return []
  if (cli.name === 'podman-compose') {
    return ['podman-compose runs the podman CLI against this Podman service (CONTAINER_HOST): it makes a pod per project, and its output is the podman commands it runs.']
  }
  return [
    `${cli.name} talks to Podman through its Docker-compatible socket (DOCKER_HOST), as it would to Docker; the containers, network and volumes it makes are Podman's.`,
  ]
}
