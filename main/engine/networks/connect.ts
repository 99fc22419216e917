// `docker network connect [--alias …]` and `docker network disconnect [-f]`.
import type Dockerode from 'dockerode'
import { EngineError, toEngineError } from '../errors'

/** The engine's 404 does not say which of the two is missing: ask, and name it. */
async function missing(docker: Dockerode, network: string, container: string): Promise<EngineError> {
  const networkThere = await docker.getNetwork(network).inspect().then(() => true, () => false)
  return networkThere
    ? new EngineError('not-found', `No container "${container}" exists (it may have just been removed).`)
    : new EngineError('not-found', `No network "${network}" exists (it may have just been removed).`)
}

function refused(err: unknown, network: string, container: string): EngineError {
  const error = toEngineError(err, { kind: 'network', ref: network })
  // Docker: "endpoint with name web already exists in network app"; Podman: "… is already connected to network …".
  if (/already exists in network|already connected/i.test(error.message))
    return new EngineError('conflict', `Container "${container}" is already connected to network "${network}".`)
  if (/is not connected/i.test(error.message)) return new EngineError('conflict', `Container "${container}" is not connected to network "${network}".`)
  if (/private \(none\) mode|host mode|conflicting options|cannot be (dis)?connected/i.test(error.message))
    return new EngineError('conflict', `Container "${container}" runs with --network none, host or another container's network, which takes no other network: run it again (Edit…) on a network instead.`)
  // Docker answers 500 for a container whose network mode takes no other network (host, none, container:…).
  if (error.code === 'internal') return new EngineError('conflict', `Network "${network}" cannot take "${container}": ${error.message.replace(/^The engine failed: /, '')}`)
  return error
}

export async function connectContainer(docker: Dockerode, network: string, container: string, aliases: string[] = []): Promise<void> {
  try {
    await docker.getNetwork(network).connect({ Container: container, ...(aliases.length ? { EndpointConfig: { Aliases: aliases } } : {}) })
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) throw await missing(docker, network, container)
    throw refused(err, network, container)
  }
}

export async function disconnectContainer(docker: Dockerode, network: string, container: string, force = false): Promise<void> {
  try {
    await docker.getNetwork(network).disconnect({ Container: container, Force: force })
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) throw await missing(docker, network, container)
    throw refused(err, network, container)
  }
}
