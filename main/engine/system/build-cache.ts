// `docker builder prune -a -f`: removes every build cache record no build is using, which is what
// `docker system df` counts as the build cache's reclaimable space.
import type Dockerode from 'dockerode'
import { EngineError, toEngineError } from '../errors'
import type { BuildCachePruneResult } from '@common/contract/system'

interface Modem {
  dial(options: Record<string, unknown>, callback: (err: unknown, data: unknown) => void): void
}

export async function pruneBuildCache(docker: Dockerode): Promise<BuildCachePruneResult> {
  const modem = (docker as unknown as { modem: Modem }).modem
  // dockerode's pruneBuilder sends no query, so it would remove only the dangling records, not what df calls reclaimable.
  const answer = await new Promise<{ CachesDeleted?: string[] | null; SpaceReclaimed?: number }>((resolve, reject) =>
    modem.dial(
      { path: '/build/prune?', method: 'POST', options: { all: true }, statusCodes: { 200: true, 404: 'not supported', 500: 'server error' } },
      (err, data) => (err ? reject(err) : resolve((data ?? {}) as { CachesDeleted?: string[] | null; SpaceReclaimed?: number })),
    ),
  ).catch((err: unknown) => {
    if ((err as { statusCode?: number }).statusCode === 404) {
      throw new EngineError('internal', 'This engine has no build cache to prune through its API (docker builder prune needs Docker Engine 18.09 or later).')
    }
    throw toEngineError(err)
  })
  return { removed: answer.CachesDeleted?.length ?? 0, spaceReclaimed: answer.SpaceReclaimed ?? 0 }
}
