// What a registry failure means for the user, from the engine's own words. The engine reports them
// as HTTP 500s or as a line inside a transfer stream; both end up here.
import { daemonMessage, EngineError, toEngineError } from '../errors'

const UNAUTHORIZED = /\b401\b|unauthorized|no basic auth credentials|authentication required|incorrect username or password|denied|access to the resource/i
const UNKNOWN_HOST = /no such host|server misbehaving|name resolution|Temporary failure in name/i
const UNREACHABLE = /connection refused|i\/o timeout|no route to host|network is unreachable|connection reset|timeout awaiting|TLS handshake timeout|deadline exceeded|\bEOF\b/i
// Registries that always exist: when one of them does not resolve, the network (or its DNS) is what
// failed, not the spelling.
const WELL_KNOWN = /^(?:(?:index\.|registry-1\.|auth\.)?docker\.io|production\.cloudflare\.docker\.com|ghcr\.io|quay\.io|(?:[a-z0-9-]+\.)?gcr\.io|[a-z0-9-]+\.pkg\.dev|public\.ecr\.aws|mcr\.microsoft\.com|registry\.gitlab\.com|registry\.k8s\.io|nvcr\.io|lscr\.io)(?::\d+)?$/i
// The machine has no way out, whatever the host: no route, no answer, or no DNS server to ask
// (Go names the server it asked, `lookup x on 10.0.0.1:53: read udp …: connection refused`).
const NO_NETWORK = /network is unreachable|no route to host|i\/o timeout|:53: (?:read|write|dial)\b|server misbehaving|Temporary failure in name resolution|TLS handshake timeout/i
const LOOKED_UP = /lookup ([^\s:]+)/
const PLAIN_HTTP = /server gave HTTP response to HTTPS client/i
const CERTIFICATE = /x509|certificate/i
// containers/image's words, so the engine is Podman (or another built on it), not Docker.
const CONTAINERS_IMAGE = /pinging container registry/i
const NOT_FOUND = /manifest unknown|not found|name unknown|repository does not exist/i

export type RegistryAction = 'login' | 'pull' | 'push'

/** Blanks out the secret, should an engine or helper message ever echo it back. */
export function scrub(message: string, secret?: string): string {
  if (!secret || secret.length < 3) return message
  return message.split(secret).join('•••')
}

/**
 * A registry problem as an EngineError. `message` is the engine's text (from an HTTP error or a
 * stream line); `registry` is host[:port] or docker.io.
 */
export function registryError(message: string, registry: string, action: RegistryAction, reference?: string): EngineError {
  const what = reference ? `"${reference}"` : 'the image'
  if (PLAIN_HTTP.test(message) && CONTAINERS_IMAGE.test(message)) return podmanPlainHttp(registry, action)
  if (PLAIN_HTTP.test(message)) {
    return new EngineError(
      'conflict',
      `${registry} answers over plain http, and the engine only uses https for it. Add it to "insecure-registries" in the engine's daemon.json (127.0.0.0/8 is allowed by default).`,
    )
  }
  if (CERTIFICATE.test(message)) {
    return new EngineError('conflict', `The engine does not trust ${registry}'s TLS certificate. Install its CA in /etc/docker/certs.d/${registry}/ca.crt.`)
  }
  const host = registry.replace(/:\d+$/, '')
  const lookedUp = LOOKED_UP.exec(message)?.[1]
  if (NO_NETWORK.test(message) || (UNKNOWN_HOST.test(message) && (WELL_KNOWN.test(host) || (lookedUp !== undefined && WELL_KNOWN.test(lookedUp))))) {
    const why = UNKNOWN_HOST.test(message) || /:53: /.test(message) ? `${lookedUp ?? host} does not resolve` : /i\/o timeout|handshake timeout/i.test(message) ? 'no answer in time' : 'no route to it'
    return new EngineError(
      'not-found',
      `Can't reach the registry ${registry} (${why}): this looks like no network rather than a wrong name. Check the network connection, and the engine's proxy settings if it needs one, then try again.`,
    )
  }
  if (UNKNOWN_HOST.test(message)) {
    return new EngineError('not-found', `No registry host "${registry.replace(/:\d+$/, '')}" could be found: the name does not resolve. Check the address for typos.`)
  }
  if (UNREACHABLE.test(message)) {
    return new EngineError('not-found', `The registry at ${registry} did not answer (${/refused/i.test(message) ? 'connection refused' : 'no connection'}). Is it running, and are the host and port right?`)
  }
  if (UNAUTHORIZED.test(message)) {
    if (action === 'login') {
      return new EngineError('unauthorized', `${registry} refused the username or password. Check both (Docker Hub also accepts an access token as the password).`)
    }
    return new EngineError('unauthorized', `denied: log in to ${registry} first`)
  }
  if (action === 'pull' && NOT_FOUND.test(message)) {
    return new EngineError('not-found', `${registry} has no image ${what} (manifest unknown). Check the repository name and the tag.`)
  }
  return new EngineError('internal', `The ${action} ${action === 'login' ? `to ${registry}` : `of ${what}`} failed: ${message}`)
}

/**
 * Podman's Docker API logs in over https only, but to `localhost:<port>` (its compat auth handler);
 * pushes and pulls follow its registries.conf, where a registry can be listed as insecure.
 */
function podmanPlainHttp(registry: string, action: RegistryAction): EngineError {
  if (action === 'login') {
    return new EngineError(
      'conflict',
      `${registry} answers over plain http, and Podman's Docker API logs in over https only (plain http only to localhost:<port> addresses). Give the registry https, or reach it as localhost:<port>.`,
    )
  }
  return new EngineError(
    'conflict',
    `${registry} answers over plain http, and Podman uses only https for it. List it as insecure in Podman's registries.conf: [[registry]] location = "${registry}" insecure = true.`,
  )
}

/** An error thrown by dockerode while starting a registry request. */
export function registryRequestError(err: unknown, registry: string, action: RegistryAction, reference?: string): EngineError {
  if (err instanceof EngineError) return err
  const e = (err ?? {}) as { statusCode?: number; code?: string }
  // No HTTP status: the engine itself could not be reached, not the registry.
  if (e.statusCode === undefined) return toEngineError(err)
  if (action === 'push' && e.statusCode === 404) {
    return new EngineError('not-found', `There is no local image ${reference ? `"${reference}"` : ''} to push. Tag an image with this name first.`)
  }
  return registryError(daemonMessage(err), registry, action, reference)
}
