// The engine's side of image references: the parsing itself is in common/reference.ts (the page uses
// it too); here a refusal becomes an EngineError, and registry addresses typed at `docker login`
// are reduced to the host the CLI means.
import { DOCKER_HUB, DOCKER_HUB_AUTH_KEY, parseImageReference, registryHostProblem, type ImageReference } from '@common/reference'
import { EngineError } from '../errors'

export { DOCKER_HUB, DOCKER_HUB_AUTH_KEY, type ImageReference }

/**
 * Parses and normalizes a reference as the CLI does. With `defaultTag` (pull, push), a reference with
 * neither tag nor digest gets `latest`. Throws EngineError('invalid-input') explaining the problem.
 */
export function parseReference(text: string, options: { defaultTag?: boolean } = {}): ImageReference {
  const result = parseImageReference(text, options)
  if (!result.ok) throw new EngineError('invalid-input', result.message)
  return result.value
}

/** The key a registry's credentials are filed under in config.json (and in credential helpers). */
export function authKey(registry: string): string {
  return registry === DOCKER_HUB ? DOCKER_HUB_AUTH_KEY : registry
}

/**
 * A registry address as a user types it at `docker login` (`localhost:5000`, `https://ghcr.io`,
 * empty for Docker Hub), reduced to the host the CLI means, e.g. `index.docker.io` → `docker.io`.
 */
export function normalizeRegistry(address: string): string {
  const trimmed = address.trim()
  if (trimmed === '') return DOCKER_HUB
  const host = trimmed.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '').toLowerCase()
  if (host === '' || /\s/.test(host)) throw new EngineError('invalid-input', `"${address}" is not a registry address. Write a host such as ghcr.io or localhost:5000, or leave it empty for Docker Hub.`)
  if (host === 'index.docker.io' || host === 'registry-1.docker.io' || host === DOCKER_HUB) return DOCKER_HUB
  const problem = registryHostProblem(host)
  if (problem) throw new EngineError('invalid-input', `"${address}" is not a valid registry address: ${problem}`)
  const port = /:(\d+)$/.exec(host)?.[1]
  if (port !== undefined && Number(port) > 65535) throw new EngineError('invalid-input', `"${address}" is not a valid registry address: the port ${port} is above 65535.`)
  return host
}

/**
 * A reference as the CLI prints it (its "familiar" form): `docker.io/library/busybox:1` → `busybox:1`,
 * `docker.io/me/app:2` → `me/app:2`. Docker lists names this way already; Podman lists them in full.
 */
export function familiarReference(reference: string): string {
  const hub = `${DOCKER_HUB}/`
  if (!reference.startsWith(hub)) return reference
  const rest = reference.slice(hub.length)
  return rest.startsWith('library/') && !rest.slice('library/'.length).includes('/') ? rest.slice('library/'.length) : rest
}
