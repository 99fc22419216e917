// Which engine answers: Docker's and Podman's both speak the Docker Engine API, and say who they are
// in the version's components ("Engine" for Docker, "Podman Engine" for Podman's compatible service).
import type Dockerode from 'dockerode'
import type { EngineProduct } from '@common/contract/engine'

interface VersionLike {
  Version?: string
  Components?: Array<{ Name?: string; Version?: string }> | null
}

export function engineProduct(version: VersionLike): EngineProduct {
  const components = version.Components ?? []
  const podman = components.find((c) => c.Name === 'Podman Engine')
  if (podman) return { kind: 'podman', name: 'Podman', version: podman.Version ?? version.Version ?? '' }
  const docker = components.find((c) => c.Name === 'Engine')
  if (docker) return { kind: 'docker', name: 'Docker Engine', version: docker.Version ?? version.Version ?? '' }
  return { kind: 'other', name: 'Engine', version: version.Version ?? '' }
}

const kinds = new WeakMap<Dockerode, Promise<EngineProduct['kind']>>()

/**
 * Whether Podman answers: its libpod ping, which Docker does not have (404). Asked before /version,
 * which Podman 4.3 answers slowly: it asks its runtime, conmon and the OS for their versions (22 s on
 * a busy machine here, while its ping took milliseconds).
 */
function answersLibpodPing(docker: Dockerode): Promise<boolean> {
  return new Promise((done) => {
    docker.modem.dial({ path: '/libpod/_ping', method: 'GET', statusCodes: { 200: true }, options: {} }, (err: unknown) => done(!err))
  })
}

/** Which engine this client talks to, asked once (asked again after a failure). */
export function engineKindOf(docker: Dockerode): Promise<EngineProduct['kind']> {
  let kind = kinds.get(docker)
  if (!kind) {
    kind = answersLibpodPing(docker)
      .then(async (podman) => (podman ? 'podman' : engineProduct(await docker.version()).kind))
      .catch(() => {
        kinds.delete(docker)
        return 'other' as const
      })
    kinds.set(docker, kind)
  }
  return kind
}

/**
 * The engine's kind if it says within `waitMs`, else undefined (it is still asked, and known next
 * time). For what can be worded later: Podman 4.3's /version took 22 s here on a busy machine while
 * `docker ps` took 0.2 s, and a list must not wait on it.
 */
export function engineKindWithin(docker: Dockerode, waitMs: number): Promise<EngineProduct['kind'] | undefined> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<undefined>((done) => (timer = setTimeout(() => done(undefined), waitMs)))
  return Promise.race([engineKindOf(docker), late]).finally(() => clearTimeout(timer))
}
