// Registries: what `docker login`, `docker logout`, `docker pull`, `docker tag` and `docker push` do.
// Logins are checked by the engine (/auth) before anything is kept; pulls and pushes stream per-layer
// progress and can be cancelled.
import type Dockerode from 'dockerode'
import { toCredential, toEngineAuth, type CredentialStore } from './credentials'
import { EngineError, toEngineError } from '../errors'
import { normalizeRegistry, parseReference, type ImageReference } from '../images/reference'
import { parseImageReference } from '@common/reference'
import { registryError, registryRequestError, scrub } from './errors'
import type { LoginResult, LoginStorageInfo, RegistryLogin, TagResult, TransferProgress, TransferResult } from '@common/contract/registry'
import { readProgressStream, TransferTracker } from './transfer-progress'

export interface LoginInput {
  /** Empty for Docker Hub. */
  registry: string
  username: string
  /** Password or access token. Stays in main. */
  password: string
}

const NOTES = {
  helper: (helper?: string) => `Stored by the credential helper docker-credential-${helper}, shared with the docker CLI.`,
  config: () => 'Stored in config.json by the docker CLI.',
  encrypted: () => 'Stored encrypted with the system keychain. The docker CLI does not see it: configure a credential helper (credsStore) to share logins.',
  session: () =>
    'Not stored: config.json names no credential helper and there is no secure storage here (browser mode, or no system keychain), so this login lasts until Berth stops.',
}

export async function login(docker: Dockerode, credentials: CredentialStore, input: LoginInput): Promise<LoginResult> {
  const registry = normalizeRegistry(input.registry)
  const username = input.username.trim()
  if (!username) throw new EngineError('invalid-input', 'Enter a username.')
  if (!input.password) throw new EngineError('invalid-input', 'Enter a password or an access token.')
  const credential = toCredential(username, input.password)
  let answer: { IdentityToken?: string } | undefined
  try {
    answer = (await docker.checkAuth(toEngineAuth(registry, credential) as Dockerode.AuthConfig)) as { IdentityToken?: string }
  } catch (err) {
    const e = err as { statusCode?: number; message?: string }
    if (e.statusCode === undefined) throw toEngineError(err)
    const failure = registryRequestError(err, registry, 'login')
    throw new EngineError(failure.code, scrub(failure.message, input.password))
  }
  const identityToken = answer?.IdentityToken ?? ''
  // Some registries answer a login with a long-lived token: keep that instead of the password, as the CLI does.
  const kept = identityToken ? { username, secret: identityToken, identityToken: true } : credential
  let where
  try {
    where = await credentials.store(registry, kept)
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err)
    throw new EngineError(err instanceof EngineError ? err.code : 'internal', scrub(scrub(message, input.password), identityToken))
  }
  return { registry, username, ...where, note: NOTES[where.storage](where.helper) }
}

/** Where a login to this registry would go, so the form can say so before the password is typed. */
export function loginStorage(credentials: CredentialStore, registryAddress: string): LoginStorageInfo {
  const registry = normalizeRegistry(registryAddress)
  const where = credentials.storageFor(registry)
  return { registry, ...where, note: NOTES[where.storage](where.helper) }
}

export async function logout(credentials: CredentialStore, registryAddress: string): Promise<{ registry: string; removed: boolean }> {
  const registry = normalizeRegistry(registryAddress)
  return { registry, removed: await credentials.erase(registry) }
}

export function listLogins(credentials: CredentialStore): Promise<RegistryLogin[]> {
  return credentials.list()
}

/** `docker tag source target`: a second name for the same image; the first stays. */
export async function tagImage(docker: Dockerode, source: string, target: string): Promise<TagResult> {
  const parsed = parseReference(target)
  if (parsed.digest) throw new EngineError('invalid-input', `"${target}" has a digest (@sha256:…). A tag names an image by repository and tag only; leave the digest out.`)
  const tag = parsed.tag ?? 'latest'
  try {
    await docker.getImage(source).tag({ repo: repositoryName(parsed), tag })
  } catch (err) {
    throw toEngineError(err, { kind: 'image', ref: source })
  }
  return { source, target: `${repositoryName(parsed)}:${tag}` }
}

export interface TransferOptions {
  operation: string
  signal: AbortSignal
  onProgress(progress: TransferProgress): void
  /** Least time between two progress reports; the last one is always sent. */
  intervalMs?: number
}

/** The repository as the engine and CLI name it: `node`, `user/repo`, `127.0.0.1:5000/team/app`. */
const repositoryName = (ref: ImageReference): string => ref.familiarName

async function follow(
  kind: 'pull' | 'push',
  ref: ImageReference,
  start: () => Promise<NodeJS.ReadableStream>,
  options: TransferOptions,
): Promise<TransferResult> {
  const tracker = new TransferTracker(options.operation, kind, ref.normalized)
  const interval = options.intervalMs ?? 100
  let last = 0
  const report = (finished = false) => {
    last = Date.now()
    options.onProgress(tracker.snapshot(finished))
  }
  report()
  let stream: NodeJS.ReadableStream
  try {
    stream = await start()
  } catch (err) {
    if (options.signal.aborted) return { reference: ref.normalized, cancelled: true, layersSkipped: 0, layersTransferred: 0 }
    throw registryRequestError(err, ref.registry, kind, ref.familiar)
  }
  let outcome: 'end' | 'cancelled'
  try {
    outcome = await readProgressStream(
      stream,
      (event) => {
        // Every step of a layer (preparing, pushing, pushed) is shown however fast it passes; only its
        // byte counts are throttled.
        const stepped = tracker.apply(event)
        if (stepped || Date.now() - last >= interval) report()
      },
      options.signal,
    )
  } catch {
    // The engine's answer broke off: the engine stopped (or its connection dropped) mid-transfer.
    // The engine does not carry on by itself; the page offers to start it again.
    report()
    throw new EngineError('engine-unreachable', `The Docker engine stopped during the ${kind} of ${ref.familiar}. Retry once it is back.`)
  }
  const counts = tracker.counts()
  const result = { reference: ref.normalized, layersSkipped: counts.skipped, layersTransferred: counts.transferred }
  if (outcome === 'cancelled') {
    report()
    return { ...result, cancelled: true }
  }
  if (tracker.error && /context canceled/i.test(tracker.error)) {
    // The engine gave up the transfer itself, without being asked: it is shutting down.
    report()
    throw new EngineError('engine-unreachable', `The Docker engine stopped during the ${kind} of ${ref.familiar}. Retry once it is back.`)
  }
  if (tracker.error) {
    report()
    throw registryError(tracker.error, ref.registry, kind, ref.familiar)
  }
  report(true)
  return { ...result, cancelled: false, ...(tracker.digest ? { digest: tracker.digest } : {}) }
}

/** `docker pull reference`, with the credential for its registry when there is one. */
export async function pullImage(docker: Dockerode, credentials: CredentialStore, reference: string, options: TransferOptions): Promise<TransferResult> {
  const ref = parseReference(reference, { defaultTag: true })
  const auth = await credentials.engineAuth(ref.registry)
  const result = await follow(
    'pull',
    ref,
    () =>
      docker.createImage({
        fromImage: repositoryName(ref),
        tag: ref.digest ?? ref.tag ?? 'latest',
        abortSignal: options.signal,
        ...(auth ? { authconfig: auth } : {}),
      }) as Promise<NodeJS.ReadableStream>,
    options,
  )
  if (result.cancelled || result.digest) return result
  const digest = await pulledDigest(docker, ref)
  return digest ? { ...result, digest } : result
}

/** Podman's pull names no digest (`docker pull` prints one): the pulled image's own record has it. */
async function pulledDigest(docker: Dockerode, ref: ImageReference): Promise<string | undefined> {
  const info = await docker.getImage(ref.digest ? `${ref.familiarName}@${ref.digest}` : `${ref.familiarName}:${ref.tag ?? 'latest'}`).inspect().catch(() => null)
  const mine = (info?.RepoDigests ?? []).find((d) => normalizeName(d.slice(0, d.indexOf('@'))) === ref.repository)
  return mine?.slice(mine.indexOf('@') + 1)
}

/** A repository as the engine names it (`busybox`, `docker.io/library/busybox`), in full. */
function normalizeName(name: string): string {
  const parsed = parseImageReference(name)
  return parsed.ok ? parsed.value.repository : name
}

/** `docker push reference`: only the layers the registry lacks are sent. */
export async function pushImage(docker: Dockerode, credentials: CredentialStore, reference: string, options: TransferOptions): Promise<TransferResult> {
  const ref = parseReference(reference, { defaultTag: true })
  if (ref.digest) throw new EngineError('invalid-input', `Push a tag, not a digest: "${reference}" names one by digest.`)
  const name = repositoryName(ref)
  try {
    await docker.getImage(`${name}:${ref.tag}`).inspect()
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) {
      throw new EngineError('not-found', `There is no local image "${name}:${ref.tag}". Tag an image with this name first (docker tag).`)
    }
    throw toEngineError(err)
  }
  const auth = await credentials.engineAuth(ref.registry)
  return follow(
    'push',
    ref,
    () =>
      docker.getImage(name).push({
        tag: ref.tag,
        abortSignal: options.signal,
        // The engine wants the header even when empty; without a login it gets an empty one, as from the CLI.
        authconfig: auth ?? { serveraddress: ref.registry },
      }) as Promise<NodeJS.ReadableStream>,
    options,
  )
}
