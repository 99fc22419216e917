// What differs when the compose CLI acts on Podman's service, said in the window (and the README).
import type { ComposeCli } from '@common/compose/command'

export function podmanNotes(cli: ComposeCli | null): string[] {
  if (!cli) return []
  if (cli.name === 'podman-compose') {
    return [
      'podman-compose runs the podman CLI against this Podman service (CONTAINER_HOST): its output is the podman commands it runs. podman-compose 1.0 ends with 0 even when one of them failed; Berth reads the exit code each prints, so such a run shows as failed.',
    ]
  }
  return [
    `${cli.name} talks to Podman through its Docker-compatible socket (DOCKER_HOST), as it would to Docker; the containers, network and volumes it makes are Podman's.`,
    'Pull on Podman answers with an image it already has when no registry it knows has that name (Docker looks for it on Docker Hub and fails).',
  ]
}
