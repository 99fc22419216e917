// Several Berths may share one engine (two windows, a laptop and a remote engine): each one is an
// *owner* with a random id, and labels the helpers it makes with it. Its proof of life lives on the
// engine itself, so it works with no shared files: a never-started marker container whose name holds
// the end of a lease, renamed forward every RENEW_MS (a rename is one cheap call, and its event is
// ignored by the lists). Another Berth removes only the helpers of an owner whose lease ran out
// (it crashed or lost the engine) or that has no marker; a Berth that stops removes its own.
// The lease is long next to the renewal, so clocks a little apart between two machines do not matter.
import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'
import type Dockerode from 'dockerode'
import { toEngineError } from '../errors'
import { ensureHelperImage, HELPER_IMAGE, HELPER_LABEL } from './helper-image'

/** On a helper: the owner (Berth instance) that made it. */
export const HELPER_OWNER_LABEL = 'berth.helper.owner'
/** On an owner's marker: its id. Its engine events change no list. */
export const OWNER_LABEL = 'berth.owner'

const LEASE_MS = 90_000
const RENEW_MS = 30_000

interface Owner {
  id: string
  /** The marker's current name, once made. */
  marker?: string
  ready?: Promise<string>
  timer?: NodeJS.Timeout
}
const owners = new WeakMap<Dockerode, Owner>()
const markerName = (id: string, leaseEnd: number) => `berth-owner-${id}-${Math.ceil(leaseEnd / 1000)}`
const leaseEnd = (info: Dockerode.ContainerInfo) => Number(/-(\d+)$/.exec(info.Names[0] ?? '')?.[1] ?? 0) * 1000

/** The owner a helper or a marker belongs to; none for helpers of Berths older than owners. */
export const ownerOf = (info: Dockerode.ContainerInfo): string | undefined => info.Labels[OWNER_LABEL] ?? info.Labels[HELPER_OWNER_LABEL]

/** This Berth's owner id on this engine, once it has claimed one. */
export const ownId = (docker: Dockerode): string | undefined => owners.get(docker)?.id

/** Makes the marker, or moves its lease on; remade if another Berth took it for gone (a long sleep). */
async function renew(docker: Dockerode, owner: Owner): Promise<void> {
  const next = markerName(owner.id, Date.now() + LEASE_MS)
  if (owner.marker) {
    try {
      await docker.getContainer(owner.marker).rename({ name: next })
      owner.marker = next
      return
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode !== 404) throw err
    }
  }
  await ensureHelperImage(docker)
  await docker.createContainer({
    name: next,
    Image: HELPER_IMAGE,
    Labels: { [HELPER_LABEL]: 'owner', [OWNER_LABEL]: owner.id, 'berth.owner.host': hostname(), 'berth.owner.pid': String(process.pid) },
    NetworkDisabled: true,
    HostConfig: { NetworkMode: 'none' },
  })
  owner.marker = next
}

/**
 * This Berth's owner id on this engine, with its marker made and its lease kept while it runs.
 * `afterRenewal` runs after each renewal (the helpers sweep those of owners that are gone).
 */
export function claimOwner(docker: Dockerode, afterRenewal: () => Promise<void>): Promise<string> {
  const owner = owners.get(docker) ?? { id: randomBytes(8).toString('hex') }
  owners.set(docker, owner)
  owner.ready ??= renew(docker, owner).then(
    () => {
      owner.timer = setInterval(() => {
        void renew(docker, owner)
          .then(afterRenewal)
          .catch(() => {})
      }, RENEW_MS)
      owner.timer.unref()
      return owner.id
    },
    (err: unknown) => {
      owner.ready = undefined
      throw toEngineError(err)
    },
  )
  return owner.ready
}

/** The owners still running: those whose marker among `containers` holds a lease not yet over, and this Berth. */
export function liveOwners(docker: Dockerode, containers: Dockerode.ContainerInfo[], now: number): Set<string> {
  const live = new Set(
    containers.flatMap((c) => {
      const id = c.Labels[OWNER_LABEL]
      return id !== undefined && leaseEnd(c) > now ? [id] : []
    }),
  )
  const self = ownId(docker)
  if (self) live.add(self)
  return live
}

/** Stops keeping this Berth's lease; resolves to the id it had, if it had claimed one, once its marker is settled. */
export async function releaseOwner(docker: Dockerode): Promise<string | undefined> {
  const owner = owners.get(docker)
  if (!owner) return undefined
  owners.delete(docker)
  clearInterval(owner.timer)
  await owner.ready?.catch(() => {})
  return owner.id
}
