// Image references, read the way the docker CLI reads them (distribution/reference): `node` is
// docker.io/library/node:latest, `user/repo` is on Docker Hub, and the first path component is a
// registry host only when it has a '.' or a ':' or is `localhost`. A bad reference gets a sentence
// that says what is wrong with it, not just "invalid reference format".
import { EngineError } from '../errors'

export const DOCKER_HUB = 'docker.io'
/** The key the CLI files Docker Hub credentials under in config.json. */
export const DOCKER_HUB_AUTH_KEY = 'https://index.docker.io/v1/'

export interface ImageReference {
  /** `docker.io` or host[:port] */
  registry: string
  /** Path inside the registry: `library/node`, `team/app` */
  path: string
  tag?: string
  /** `sha256:…` */
  digest?: string
  /** registry/path: `docker.io/library/node` */
  repository: string
  /** Fully qualified: `docker.io/library/node:latest` */
  normalized: string
  /** As the CLI prints it: `node:latest`, `user/repo:1`, `127.0.0.1:5000/team/app:1` */
  familiar: string
}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/
const DOMAIN_LABEL = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])$/
const TAG = /^[\w][\w.-]{0,127}$/
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-fA-F0-9]{32,}$/
const MAX_NAME = 255
const SHAPE = 'A reference looks like [registry[:port]/][namespace/]repository[:tag][@sha256:digest], e.g. node:20 or localhost:5000/team/app:1.0.'

function invalid(reference: string, why: string): EngineError {
  return new EngineError('invalid-input', `"${reference}" is not a valid image reference: ${why}`)
}

/** Where the CLI draws the line between registry and path. */
export function splitRegistry(name: string): { registry: string; path: string } {
  const slash = name.indexOf('/')
  const first = slash === -1 ? '' : name.slice(0, slash)
  const isHost = slash !== -1 && (/[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first)
  if (!isHost) return { registry: DOCKER_HUB, path: name.includes('/') ? name : `library/${name}` }
  const registry = first === 'index.docker.io' ? DOCKER_HUB : first
  const path = name.slice(slash + 1)
  return { registry, path: registry === DOCKER_HUB && !path.includes('/') ? `library/${path}` : path }
}

function checkRegistry(reference: string, registry: string): void {
  if (/^\[[0-9a-fA-F:.]+\](?::\d+)?$/.test(registry)) return // [::1]:5000
  const colon = registry.lastIndexOf(':')
  const host = colon === -1 ? registry : registry.slice(0, colon)
  const port = colon === -1 ? null : registry.slice(colon + 1)
  if (port !== null && !/^\d{1,5}$/.test(port)) throw invalid(reference, `the registry port "${port}" is not a number.`)
  if (port !== null && Number(port) > 65535) throw invalid(reference, `the registry port ${port} is above 65535.`)
  if (!host.split('.').every((label) => DOMAIN_LABEL.test(label))) {
    throw invalid(reference, `"${registry}" is not a registry host name (letters, digits, '-' and '.', with an optional :port).`)
  }
}

function checkPath(reference: string, path: string): void {
  for (const component of path.split('/')) {
    if (component === '') throw invalid(reference, `it has an empty path component (two '/' in a row, or a '/' at the start or end). ${SHAPE}`)
    if (component !== component.toLowerCase()) {
      throw invalid(reference, `repository names must be lowercase ("${component}" → "${component.toLowerCase()}").`)
    }
    if (!COMPONENT.test(component)) {
      const bad = /[^a-z0-9._-]/.exec(component)
      throw invalid(
        reference,
        bad
          ? `"${bad[0] === ' ' ? 'a space' : bad[0]}" is not allowed in a repository name; use lowercase letters, digits and . _ -.`
          : `"${component}" must start and end with a lowercase letter or digit, with single '.', '_' or '__' or dashes between.`,
      )
    }
  }
}

/**
 * Parses and normalizes a reference. With `defaultTag` (pull, push), a reference with neither tag nor
 * digest gets `latest`, as the CLI does. Throws EngineError('invalid-input') explaining the problem.
 */
export function parseReference(text: string, options: { defaultTag?: boolean } = {}): ImageReference {
  const reference = text.trim()
  if (reference === '') throw new EngineError('invalid-input', `An image reference cannot be empty. ${SHAPE}`)
  if (/\s/.test(reference)) throw invalid(reference, `it contains a space. ${SHAPE}`)
  if (/^[a-z]+:\/\//i.test(reference)) throw invalid(reference, `leave out the scheme (${reference.split('//')[0]}//): write the registry host directly, as in localhost:5000/app.`)

  let rest = reference
  let digest: string | undefined
  const at = rest.indexOf('@')
  if (at !== -1) {
    digest = rest.slice(at + 1)
    rest = rest.slice(0, at)
    if (!DIGEST.test(digest)) throw invalid(reference, `the digest "${digest}" should be an algorithm and hex, e.g. sha256: and 64 hex characters.`)
    if (digest.startsWith('sha256:') && digest.length !== 'sha256:'.length + 64) {
      throw invalid(reference, `a sha256 digest has exactly 64 hex characters; this one has ${digest.length - 7}.`)
    }
  }
  let tag: string | undefined
  const colon = rest.lastIndexOf(':')
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1)
    rest = rest.slice(0, colon)
    if (!TAG.test(tag)) {
      throw invalid(reference, `the tag "${tag}" is not valid: a tag has letters, digits, '_', '.' and '-', starts with a letter, digit or '_', and has at most 128 characters.`)
    }
  }
  if (rest === '') throw invalid(reference, `it has no repository name. ${SHAPE}`)
  const { registry, path } = splitRegistry(rest)
  if (registry !== DOCKER_HUB) checkRegistry(reference, registry)
  checkPath(reference, path)
  const repository = `${registry}/${path}`
  if (repository.length > MAX_NAME) throw invalid(reference, `the name is ${repository.length} characters long; the limit is ${MAX_NAME}.`)
  if (!tag && !digest && options.defaultTag) tag = 'latest'

  const suffix = `${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`
  const short = registry === DOCKER_HUB ? path.replace(/^library\//, '') : repository
  return { registry, path, tag, digest, repository, normalized: `${repository}${suffix}`, familiar: `${short}${suffix}` }
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
  checkRegistry(address, host)
  return host
}
