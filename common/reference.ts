// Image references, read exactly the way the docker CLI reads them (distribution/reference's
// ParseNormalizedNamed; test/common/reference-vectors.json holds that package's own test cases and
// the test runs them all): `node` is docker.io/library/node, `user/repo` is on Docker Hub, and the
// first path component is a registry host only when it has a '.' or a ':', is `localhost`, or has
// an uppercase letter. Where the CLI says "invalid reference format", this says what is wrong.
// Pure: main wraps a refusal into its EngineError, the page uses the same function to show where a
// reference lives, so the two can never disagree.

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
  /** The name as the CLI prints it, without tag or digest: `node`, `user/repo`, `library/a/b` */
  familiarName: string
  /** As the CLI prints it: `node:latest`, `user/repo:1`, `127.0.0.1:5000/team/app:1` */
  familiar: string
}

export type ReferenceResult = { ok: true; value: ImageReference } | { ok: false; message: string }

/** The longest path the CLI accepts; it counts the path only (`library/node`), never the host. */
export const MAX_PATH = 255

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/
const DOMAIN_LABEL = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])$/
// Bracketed IPv6 is hex and colons only: the CLI refuses a dotted IPv4 tail and a %zone.
const IPV6 = /^\[[a-fA-F0-9:]+\]$/
const TAG = /^\w[\w.-]{0,127}$/
const DIGEST_SHAPE = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[a-fA-F0-9]{32,}$/
/** The algorithms the CLI knows (go-digest's), with their length in hex characters. */
const DIGEST_LENGTHS: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 }
/** What the CLI takes for an image ID rather than a name. */
const IMAGE_ID = /^[a-f0-9]{64}$/
const SHAPE = 'A reference looks like [registry[:port]/][namespace/]repository[:tag][@sha256:digest], e.g. node:20 or localhost:5000/team/app:1.0.'

class Refusal {
  constructor(readonly message: string) {}
}

function refuse(reference: string, why: string): never {
  throw new Refusal(`"${reference}" is not a valid image reference: ${why}`)
}

/**
 * Where the CLI draws the line between registry and the rest: a first component with '.' or ':',
 * `localhost`, or an uppercase letter (never a valid namespace) is a host; anything else is Docker Hub.
 */
export function splitRegistry(name: string): { registry: string; rest: string } {
  const slash = name.indexOf('/')
  if (slash === -1) return { registry: DOCKER_HUB, rest: `library/${name}` }
  const first = name.slice(0, slash)
  let registry = DOCKER_HUB
  let rest = name
  if (first === 'localhost' || /[.:]/.test(first) || first.toLowerCase() !== first) {
    registry = first === 'index.docker.io' ? DOCKER_HUB : first
    rest = name.slice(slash + 1)
  }
  if (registry === DOCKER_HUB && !rest.includes('/')) rest = `library/${rest}`
  return { registry, rest }
}

/** Why a registry host is not one, or null when it is (the CLI allows any digits in the port). */
export function registryHostProblem(registry: string): string | null {
  let port: string | undefined
  if (registry.startsWith('[')) {
    const close = registry.indexOf(']')
    const host = close === -1 ? registry : registry.slice(0, close + 1)
    const after = close === -1 ? '' : registry.slice(close + 1)
    if (!IPV6.test(host)) {
      return `"${host}" is not an IPv6 address the CLI accepts: hex digits and ':' between brackets (no dotted IPv4 part, no %zone).`
    }
    if (after !== '' && !after.startsWith(':')) return `"${registry}" is not a registry host: a port goes after the ']' as :port.`
    port = after === '' ? undefined : after.slice(1)
  } else {
    const colon = registry.indexOf(':')
    const host = colon === -1 ? registry : registry.slice(0, colon)
    port = colon === -1 ? undefined : registry.slice(colon + 1)
    if (port?.includes(':')) return `"${registry}" is not a registry host: an IPv6 address goes between brackets, as in [fc00::1]:5000.`
    if (!host.split('.').every((label) => DOMAIN_LABEL.test(label))) {
      return `"${registry}" is not a registry host name (letters, digits, '-' and '.', with an optional :port).`
    }
  }
  if (port !== undefined && !/^\d+$/.test(port)) return `the registry port "${port}" is not a number.`
  return null
}

function checkPath(reference: string, path: string): void {
  for (const component of path.split('/')) {
    if (component === '') refuse(reference, `it has an empty path component (two '/' in a row, or a '/' at the start or end). ${SHAPE}`)
    if (component !== component.toLowerCase()) {
      refuse(reference, `repository names must be lowercase ("${component}" → "${component.toLowerCase()}").`)
    }
    if (!COMPONENT.test(component)) {
      const bad = /[^a-z0-9._-]/.exec(component)
      refuse(
        reference,
        bad
          ? `"${bad[0] === ' ' ? 'a space' : bad[0]}" is not allowed in a repository name; use lowercase letters, digits and . _ -.`
          : `"${component}" must start and end with a lowercase letter or digit, with single '.', '_' or '__' or dashes between.`,
      )
    }
  }
  if (path.length > MAX_PATH) refuse(reference, `the repository path "${path.slice(0, 40)}…" is ${path.length} characters long; the limit is ${MAX_PATH}.`)
}

function checkDigest(reference: string, digest: string): void {
  if (!DIGEST_SHAPE.test(digest)) refuse(reference, `the digest "${digest}" should be an algorithm and hex, e.g. sha256: and 64 hex characters.`)
  const colon = digest.indexOf(':')
  const algorithm = digest.slice(0, colon)
  const hex = digest.slice(colon + 1)
  const length = Object.hasOwn(DIGEST_LENGTHS, algorithm) ? DIGEST_LENGTHS[algorithm] : undefined
  if (length === undefined) refuse(reference, `the digest algorithm "${algorithm}" is not one the CLI knows (sha256, sha384 or sha512).`)
  if (hex.length !== length) refuse(reference, `a ${algorithm} digest has exactly ${length} hex characters; this one has ${hex.length}.`)
  if (/[A-F]/.test(hex)) refuse(reference, `a digest's hex is lowercase ("${hex.toLowerCase().slice(0, 12)}…").`)
}

function parse(text: string, defaultTag: boolean): ImageReference {
  const reference = text.trim()
  if (reference === '') throw new Refusal(`An image reference cannot be empty. ${SHAPE}`)
  if (/\s/.test(reference)) refuse(reference, `it contains a space. ${SHAPE}`)
  if (/^[a-z]+:\/\//i.test(reference)) refuse(reference, `leave out the scheme (${reference.split('//')[0]}//): write the registry host directly, as in localhost:5000/app.`)
  if (IMAGE_ID.test(reference)) {
    refuse(reference, '64 hexadecimal characters are an image ID, not a repository name (the CLI refuses it too; docker.io/<name> would be taken as a name).')
  }

  const { registry, rest } = splitRegistry(reference)
  // A tag and a digest can hold neither '/' nor '@', and a path holds no ':', so they split cleanly.
  const at = rest.indexOf('@')
  const digest = at === -1 ? undefined : rest.slice(at + 1)
  const named = at === -1 ? rest : rest.slice(0, at)
  const colon = named.indexOf(':')
  let tag = colon === -1 ? undefined : named.slice(colon + 1)
  const path = colon === -1 ? named : named.slice(0, colon)

  if (path === '' || path === 'library/') refuse(reference, `it has no repository name. ${SHAPE}`)
  // The CLI would read a host it cannot parse (foo_bar.com/app) as part of a Docker Hub path with no
  // registry at all; naming the problem is kinder than a pull that goes nowhere.
  if (registry !== DOCKER_HUB) {
    const problem = registryHostProblem(registry)
    if (problem) refuse(reference, problem)
  }
  checkPath(reference, path)
  if (tag !== undefined && !TAG.test(tag)) {
    refuse(reference, `the tag "${tag}" is not valid: a tag has letters, digits, '_', '.' and '-', starts with a letter, digit or '_', and has at most 128 characters.`)
  }
  if (digest !== undefined) checkDigest(reference, digest)
  if (tag === undefined && digest === undefined && defaultTag) tag = 'latest'

  const repository = `${registry}/${path}`
  const suffix = `${tag !== undefined ? `:${tag}` : ''}${digest !== undefined ? `@${digest}` : ''}`
  const official = registry === DOCKER_HUB && /^library\/[^/]+$/.test(path)
  const familiarName = registry !== DOCKER_HUB ? repository : official ? path.slice('library/'.length) : path
  return { registry, path, tag, digest, repository, normalized: `${repository}${suffix}`, familiarName, familiar: `${familiarName}${suffix}` }
}

/**
 * Parses and normalizes a reference as `docker pull/push/tag` do. With `defaultTag` (pull, push), a
 * reference with neither tag nor digest gets `latest`, as the CLI does. A refusal is a sentence.
 */
export function parseImageReference(text: string, options: { defaultTag?: boolean } = {}): ReferenceResult {
  try {
    return { ok: true, value: parse(text, options.defaultTag ?? false) }
  } catch (err) {
    if (err instanceof Refusal) return { ok: false, message: err.message }
    throw err
  }
}
