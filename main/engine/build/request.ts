// A build request checked the way `docker build` checks its flags, and turned into the engine's
// /build query. Build-arg values are kept exactly as typed: they are often secrets, and a build arg
// with a trailing space means that space.
import type { BuildRequest } from '@common/contract/build'
import { BUILD_ARG_NAME, TARGET_NAME } from '@common/contract/build'
import { EngineError } from '../errors'
import { parseReference } from '../images/reference'

export interface CheckedBuild {
  /** Tags as the CLI prints them (`app:latest`). */
  tags: string[]
  query: Record<string, unknown>
}

export function checkBuildRequest(request: BuildRequest): CheckedBuild {
  const tags = request.tags.map((tag) => {
    const text = tag.trim()
    const parsed = parseReference(text)
    if (parsed.digest) throw new EngineError('invalid-input', `"${text}" has a digest (@sha256:…): a build tags its image by repository and tag only.`)
    return `${parsed.familiarName}:${parsed.tag ?? 'latest'}`
  })
  for (const { name } of request.buildArgs) {
    if (!BUILD_ARG_NAME.test(name)) throw new EngineError('invalid-input', `"${name}" is not a build-arg name: use letters, digits and _.`)
  }
  if (request.target !== undefined && request.target !== '' && !TARGET_NAME.test(request.target))
    throw new EngineError('invalid-input', `"${request.target}" is not a stage name: a --target names a stage (FROM … AS name).`)
  // Given twice, the last value wins, as with the CLI's repeated --build-arg.
  const buildargs = Object.fromEntries(request.buildArgs.map(({ name, value }) => [name, value]))
  const query: Record<string, unknown> = {
    dockerfile: request.dockerfile || 'Dockerfile',
    rm: true,
  }
  if (tags.length) query.t = tags
  if (request.buildArgs.length) query.buildargs = buildargs
  if (request.target) query.target = request.target
  if (request.noCache) query.nocache = true
  if (request.pull) query.pull = true
  if (request.network) query.networkmode = request.network
  return { tags, query }
}

/**
 * Podman's compatible /build reads `networkmode` as Buildah's policy, not Docker's words, and runs
 * RUN steps in the host's network unless told otherwise (`nsoptions`), so `--network=none` is
 * said the way Podman's own client says it: a private network namespace, left unconfigured.
 */
export function forPodman(query: Record<string, unknown>): Record<string, unknown> {
  const { networkmode, ...rest } = query
  if (networkmode === 'none') return { ...rest, networkmode: 'NetworkDisabled', nsoptions: JSON.stringify([{ Name: 'network', Host: false, Path: '' }]) }
  if (networkmode === 'host') return { ...rest, networkmode: 'NetworkEnabled', nsoptions: JSON.stringify([{ Name: 'network', Host: true, Path: '' }]) }
  return rest
}
