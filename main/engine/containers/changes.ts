// `docker diff`: what a container changed in its writable layer, the thin layer on top of its image's
// read-only ones.
import type Dockerode from 'dockerode'
import { toEngineError } from '../errors'
import type { ChangeKind, PathChange } from '@common/contract/containers'

/** The engine's change kinds, as `docker diff` prints them: C, A, D. */
const KINDS: Record<number, ChangeKind> = { 0: 'changed', 1: 'added', 2: 'deleted' }

/** `docker diff`: the paths the container added, changed or deleted in its writable layer, in the engine's order. */
export async function containerChanges(docker: Dockerode, id: string): Promise<PathChange[]> {
  try {
    const changes = (await docker.getContainer(id).changes()) as Array<{ Path: string; Kind: number }> | null
    return (changes ?? []).map((c) => ({ path: c.Path, kind: KINDS[c.Kind] ?? 'changed' }))
  } catch (err) {
    const subject = { kind: 'container' as const, ref: id }
    // Podman 4.3 answers 500 "layer not known" for a container it does not have: its inspect says not-found.
    if ((err as { statusCode?: number }).statusCode === 500) {
      await docker
        .getContainer(id)
        .inspect()
        .catch((lookup: unknown) => Promise.reject(toEngineError(lookup, subject)))
    }
    throw toEngineError(err, subject)
  }
}
