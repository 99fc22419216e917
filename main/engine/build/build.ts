// `docker build`: the context streamed as tar to POST /build, with BuildKit (version=2 and a
// session, which the 20.10 engine needs for BuildKit) or the classic builder, the output folded
// into steps as it arrives. Cancel aborts the request, which stops the build in the engine, and
// closes the session.
import type Dockerode from 'dockerode'
import type { IncomingMessage } from 'node:http'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Builder, BuildFailure, BuildOutputLine, BuildRequest, BuildResult, BuildStep, CacheAdvice, ContextInfo, ContextProgress } from '@common/contract/build'
import { adviseOnCache, manifestOf, readManifest, writeManifest } from './advice'
import { daemonMessage, EngineError, toEngineError } from '../errors'
import { contextInfo, packContext, scanContext, type ContextScan } from './context'
import { BuildTracker, type EngineBuildMessage } from './steps'
import { openSession, type BuildSession } from './session'
import { checkBuildRequest, forPodman } from './request'
import { engineKindOf } from '../engine-product'

export interface BuildCallbacks {
  signal?: AbortSignal
  onContext?(info: ContextInfo): void
  onSent?(progress: ContextProgress): void
  onSteps?(steps: BuildStep[]): void
  onOutput?(lines: BuildOutputLine[]): void
  /** Least time between two steps or output reports; state changes wait at most this long. */
  intervalMs?: number
  /** Where the cache advice keeps the last context of each Dockerfile; no advice without it. */
  dataDir?: string
}

export interface BuildRun {
  result: BuildResult
  scan?: ContextScan
}

export async function buildImage(docker: Dockerode, operation: string, request: BuildRequest, callbacks: BuildCallbacks = {}): Promise<BuildRun> {
  const began = Date.now()
  const checked = checkBuildRequest(request)
  const scan = await scanContext(request.folder, request.dockerfile)
  callbacks.onContext?.(contextInfo(scan))
  if (callbacks.signal?.aborted) return { result: { operation, builder: request.builder, tags: checked.tags, steps: [], cancelled: true, durationMs: Date.now() - began }, scan }
  const podman = (await engineKindOf(docker)) === 'podman'
  const { session, builder, note } = podman ? { session: undefined, builder: 'classic' as const, note: request.builder === 'buildkit' ? PODMAN_BUILDER : undefined } : await chooseBuilder(docker, request.builder)
  const query = podman ? forPodman(checked.query) : checked.query
  const base = { operation, builder, tags: checked.tags, ...(note ? { note } : {}) }

  let pending: BuildOutputLine[] = []
  const tracker = new BuildTracker(builder, (lines) => pending.push(...lines))
  const flush = () => {
    if (pending.length) {
      const lines = pending
      pending = []
      callbacks.onOutput?.(lines)
    }
    if (tracker.stepsChanged) {
      tracker.stepsChanged = false
      callbacks.onSteps?.(tracker.snapshot())
    }
  }
  const timer = setInterval(flush, callbacks.intervalMs ?? 100)

  const abort = new AbortController()
  const onCancel = () => abort.abort()
  callbacks.signal?.addEventListener('abort', onCancel)
  let contextError: unknown
  let engineGone = false
  const hashes = new Map<string, string>()
  const body = packContext(scan, { signal: abort.signal, onProgress: callbacks.onSent, onFileHashed: (path, hash) => hashes.set(path, hash) })
  body.on('error', (err) => {
    contextError = err
    abort.abort()
  })

  try {
    const response = await dial(docker, {
      path: '/build?',
      method: 'POST',
      file: body,
      headers: { 'Content-Type': 'application/x-tar' },
      options: { ...query, ...(session ? { version: '2', session: session.id } : { version: '1' }) },
      abortSignal: abort.signal,
      isStream: true,
      statusCodes: { 200: true, 400: 'bad parameter', 500: 'server error' },
    })
    await readMessages(response, abort.signal, (message) => tracker.take(message))
  } catch (err) {
    if (!abort.signal.aborted) {
      const e = toEngineError(err)
      engineGone = e.code === 'engine-unreachable'
      tracker.error = engineGone ? 'The engine stopped answering during the build, so the build ended. Retry when the engine is back.' : (tracker.error ?? e.message)
    }
  } finally {
    clearInterval(timer)
    callbacks.signal?.removeEventListener('abort', onCancel)
    session?.close()
  }
  tracker.finish()
  flush()

  const cancelled = callbacks.signal?.aborted === true
  const steps = tracker.snapshot()
  const result: BuildResult = { ...base, steps, cancelled, durationMs: Date.now() - began }
  if (contextError) {
    result.failure = { message: contextError instanceof Error ? contextError.message : String(contextError) }
  } else if (tracker.error && !cancelled) {
    const failed = tracker.failedStep()
    result.failure = { message: tracker.error, step: failed?.id, ...(engineGone ? { engineGone } : {}), ...missingNetwork(tracker.error, request) }
  } else if (!cancelled && tracker.imageId) {
    result.imageId = tracker.imageId
    if (callbacks.dataDir) result.advice = await advise(callbacks.dataDir, scan, hashes, steps)
  } else if (!cancelled) {
    result.failure = { message: 'The engine ended the build without naming an image.' }
  }
  return { result, scan }
}

/**
 * A RUN step gets the engine's default network unless told otherwise, and an engine started without
 * one (dockerd --bridge=none) fails it with `network bridge not found`, which names neither the
 * cause nor the fix. The fix, for steps that need no network, is the form's "No network for RUN".
 */
export function missingNetwork(engineMessage: string, request: BuildRequest): Pick<BuildFailure, 'message' | 'fix'> | undefined {
  const missing = /\bnetwork (\S+) not found\b/i.exec(engineMessage)?.[1]
  if (!missing || request.network) return undefined
  return {
    message:
      `A RUN step needs a network, and this engine has no "${missing}" network to give it (it was started without one). ` +
      'If the steps need no network, build with "No network for RUN" (--network=none); otherwise build on an engine that has a bridge network.',
    fix: 'network-none',
  }
}

/**
 * Podman's compatible API builds with Buildah and has no BuildKit (it serves no /session, which
 * BuildKit's builds need): it takes the classic request and writes Buildah's step lines.
 */
export const PODMAN_BUILDER = 'Podman builds with Buildah: its Docker API has no BuildKit, so this ran as a classic build.'

/**
 * BuildKit needs a session; an engine that has none to open (an engine built without BuildKit, or
 * Podman's compatible API, whose builder is Buildah) builds with its classic builder instead.
 */
async function chooseBuilder(docker: Dockerode, wanted: Builder): Promise<{ session?: BuildSession; builder: Builder; note?: string }> {
  if (wanted === 'classic') return { builder: 'classic' }
  try {
    return { session: await openSession(docker), builder: 'buildkit' }
  } catch (err) {
    const e = toEngineError(err)
    if (e.code === 'engine-unreachable') throw e
    return { builder: 'classic', note: `This engine opened no BuildKit session (${daemonMessage(err)}), so it built with its classic builder.` }
  }
}

/** Compares with the last build of this Dockerfile, then keeps this one's manifest for the next. */
async function advise(dataDir: string, scan: ContextScan, hashes: Map<string, string>, steps: BuildStep[]): Promise<CacheAdvice | undefined> {
  const current = manifestOf(scan, hashes)
  const previous = await readManifest(dataDir, scan.root, scan.dockerfile)
  const dockerfileText = await readFile(join(scan.root, scan.dockerfile), 'utf8').catch(() => '')
  // Advice is a bonus: a data folder that cannot be written costs the next comparison, not the build.
  await writeManifest(dataDir, current).catch(() => {})
  return adviseOnCache({ steps, previous, current, dockerfileText })
}

interface DialOptions {
  path: string
  method: string
  file: NodeJS.ReadableStream
  headers: Record<string, string>
  options: Record<string, unknown>
  abortSignal: AbortSignal
  isStream: true
  statusCodes: Record<number, boolean | string>
}

function dial(docker: Dockerode, options: DialOptions): Promise<IncomingMessage> {
  const modem = docker.modem as unknown as { dial(o: DialOptions, cb: (err: unknown, res: IncomingMessage) => void): void }
  return new Promise((resolve, reject) => modem.dial(options, (err, res) => (err ? reject(err) : resolve(res))))
}

/** One JSON object per line; a line that is not JSON is kept as output, as the CLI prints it. */
function readMessages(response: IncomingMessage, signal: AbortSignal, take: (m: EngineBuildMessage) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let buffer = ''
    const line = (text: string) => {
      if (!text.trim()) return
      try {
        take(JSON.parse(text) as EngineBuildMessage)
      } catch {
        take({ stream: `${text}\n` })
      }
    }
    const onAbort = () => response.destroy()
    signal.addEventListener('abort', onAbort, { once: true })
    response.setEncoding('utf8')
    response.on('data', (chunk: string) => {
      const lines = (buffer + chunk).split('\n')
      buffer = lines.pop() ?? ''
      lines.forEach(line)
    })
    response.on('end', () => {
      line(buffer)
      signal.removeEventListener('abort', onAbort)
      resolve()
    })
    response.on('error', (err) => {
      signal.removeEventListener('abort', onAbort)
      reject(err)
    })
    response.on('close', () => {
      signal.removeEventListener('abort', onAbort)
      if (!response.complete) reject(signal.aborted ? new EngineError('conflict', 'cancelled') : new EngineError('engine-unreachable', 'The engine stopped answering during the build.'))
    })
  })
}
