// The compose model of saved containers, before it is written: services in order with their keys in
// a fixed order, the named volumes and networks they use, the env values flagged as secrets, and notes
// on what the file cannot say. Values are the engine's own text; write.ts escapes them for Compose.
import type Dockerode from 'dockerode'
import type { FlaggedSecret, SavedService } from '@common/contract/compose'
import type { EngineAdds } from '../../run/spec-from-container'

/** One env entry; `secret` names its flag when the value looks like one. */
export interface EnvEntry {
  key: string
  value: string
  secret?: string
}

/** A service's keys, each written only when set, in the order they are set. */
export type ServiceModel = Record<string, unknown> & { environment?: EnvEntry[] }

export interface ComposeModel {
  services: { name: string; container: string; body: ServiceModel }[]
  /** Top-level volumes: the key each service uses, and the engine's volume name it stands for. */
  volumes: Map<string, string>
  networks: Map<string, string>
  secrets: FlaggedSecret[]
  notes: string[]
}

/** What is the same for every container of one engine: what it adds by itself and its defaults. */
export interface EngineDefaults {
  kind: 'docker' | 'podman'
  /** The engine's log driver (`docker info`): a container on it writes no `logging`. */
  logDriver: string
  /** /dev/shm's size when none is given: Docker's 64 MiB, Podman's 65.536 MB. */
  shmSize: number
  adds: (info: Dockerode.ContainerInspectInfo) => EngineAdds
}

/** One container to save, with what the model needs beside its inspect. */
export interface SavedContainer {
  info: Dockerode.ContainerInspectInfo
  image: Dockerode.ImageInspectInfo | null
  /** Where its --volumes-from containers mount their volumes: those stay with volumes_from. */
  inherited: ReadonlySet<string>
}

/** What the services of one file share while they are built. */
export interface SaveContext {
  engine: EngineDefaults
  /** Service name by container id, for the containers being saved. */
  serviceById: Map<string, SavedService['service']>
  /** The containers other settings name (volumes_from, network_mode container:…), by the reference given. */
  referenced: Map<string, { id: string; name: string }>
  volumes: Map<string, string>
  networks: Map<string, string>
  notes: string[]
}

/** How a service refers to another container: `service` when it is saved too, else by the container's name. */
export function containerRefOf(ctx: SaveContext, ref: string): { service: string } | { container: string } {
  const found = ctx.referenced.get(ref)
  const service = found && ctx.serviceById.get(found.id)
  return service ? { service } : { container: found?.name ?? ref }
}
