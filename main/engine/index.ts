// The engine layer: the only code that talks to the daemon. Plain Node, no electron, so tests and
// the browser mode run it as is.
import { EngineConnection, type ConnectionOptions } from './connection'
import { listContainers } from './containers/containers'
import { ContainerExpectations } from './containers/expectations'
import { ContainerEventTimes } from './containers/since'
import { ContainerExits } from './containers/exits'
import { listImages } from './images/images'
import { Refresher, VersionedList } from './live'
import { Revival } from './revival'
import { containerShape, imageShape, networkShape, volumeShape, type ListChange, type ListSnapshot } from '@common/live-list'
import type { ContainerSummary } from '@common/contract/containers'
import type { ImageSummary } from '@common/contract/images'
import { listVolumes } from './volumes/volumes'
import { releaseHelpers, removeStaleHelpers } from './volumes/helper'
import type { VolumeSummary } from '@common/contract/volumes'
import { listNetworks } from './networks/networks'
import type { NetworkSummary } from '@common/contract/networks'

/** Container actions that change a network row: its members' addresses and names. */
const NETWORK_ACTIONS = new Set(['start', 'die', 'stop', 'rename', 'restart'])

/** Each fresh list, and what changed since the last one (null when nothing did). */
export interface EngineListeners {
  containers(list: ContainerSummary[], change: ListChange<ContainerSummary> | null): void
  images?(list: ImageSummary[], change: ListChange<ImageSummary> | null): void
  volumes?(list: VolumeSummary[], change: ListChange<VolumeSummary> | null): void
  networks?(list: NetworkSummary[], change: ListChange<NetworkSummary> | null): void
}

type ListItem<K> = K extends 'containers' ? ContainerSummary : K extends 'images' ? ImageSummary : K extends 'networks' ? NetworkSummary : VolumeSummary

export class Engine {
  readonly connection: EngineConnection
  private readonly listeners = new Set<EngineListeners>()
  private readonly containers: Refresher<ContainerSummary[]>
  private readonly expectations: ContainerExpectations
  private readonly images: Refresher<ImageSummary[]>
  private readonly volumes: Refresher<VolumeSummary[]>
  private readonly networks: Refresher<NetworkSummary[]>
  /** The last lists, versioned: pages get a snapshot once, then only the changes. */
  private readonly latest = {
    containers: new VersionedList(containerShape),
    images: new VersionedList(imageShape),
    volumes: new VersionedList(volumeShape),
    networks: new VersionedList(networkShape),
  }
  /** Exact start and die times, for the containers whose events Berth saw. */
  readonly containerTimes = new ContainerEventTimes()
  /** Tells live streams (logs, terminals, stats) when they can come back. */
  readonly revival: Revival
  /** Containers that exit on their own, or turn unhealthy, told apart from those stopped by a user. */
  readonly exits: ContainerExits

  constructor(options: ConnectionOptions = {}) {
    this.connection = new EngineConnection(options)
    this.revival = new Revival(this.connection)
    // A failed refresh means the engine went away; the connection reports that on its own.
    this.containers = new Refresher(
      () => listContainers(this.docker, this.containerTimes),
      (list) => {
        const change = this.latest.containers.update(list)
        this.listeners.forEach((l) => l.containers(list, change))
        this.expectations.check(list)
      },
    )
    this.expectations = new ContainerExpectations(() => void this.containers.request())
    this.images = new Refresher(
      () => listImages(this.docker),
      (list) => {
        const change = this.latest.images.update(list)
        this.listeners.forEach((l) => l.images?.(list, change))
      },
    )
    this.volumes = new Refresher(
      () => listVolumes(this.docker),
      (list) => {
        const change = this.latest.volumes.update(list)
        this.listeners.forEach((l) => l.volumes?.(list, change))
      },
    )
    this.networks = new Refresher(
      () => listNetworks(this.docker),
      (list) => {
        const change = this.latest.networks.update(list)
        this.listeners.forEach((l) => l.networks?.(list, change))
      },
    )
    this.exits = new ContainerExits(() => this.connection.status.product?.kind)
    this.connection.onEvent((event) => {
      this.containerTimes.note(event)
      this.exits.note(event)
    })
    // Volume helpers left by a Berth that quit while browsing would hold their volumes; those of
    // another Berth still running on this engine are its own business.
    this.connection.onStatus((status) => {
      if (status.state === 'connected') void removeStaleHelpers(this.docker).catch(() => {})
    })
    this.connection.onBurst(({ kinds, containerActions, containerSetChanged }) => {
      this.expectations.note(containerActions)
      // An image event may move a reference to a rebuilt image, which changes how containers made
      // from the old one are listed. Docker's builds also make containers (events of their own);
      // Podman's do not, so the image event is the only word of it there.
      if (kinds.has('container') || kinds.has('image')) void this.containers.request()
      // Image and volume rows count the containers using them: refresh them when containers come
      // or go, not on every start and stop.
      if (kinds.has('image') || containerSetChanged) void this.images.request()
      if (kinds.has('volume') || containerSetChanged) void this.volumes.request()
      // Network rows show their containers and addresses: those change as containers come, go,
      // start (Podman gives an address then, with no network event), stop or are renamed.
      if (kinds.has('network') || containerSetChanged || [...containerActions.values()].some((a) => NETWORK_ACTIONS.has(a))) void this.networks.request()
    })
  }

  get docker() {
    return this.connection.docker
  }

  /**
   * The list as the events have kept it, without asking the engine again; the first time, it is
   * fetched (and an engine that cannot be reached says so).
   */
  async snapshot<K extends keyof Engine['latest']>(kind: K): Promise<ListSnapshot<ListItem<K>>> {
    const latest = this.latest[kind] as unknown as VersionedList<ListItem<K>>
    if (!latest.loaded) {
      // Through the refresher, so every page hears the list too; a refresher swallows its errors,
      // so an engine that cannot be reached is asked once more, to say why.
      await this[kind].request()
      if (!latest.loaded) {
        const fetch = { containers: () => listContainers(this.docker, this.containerTimes), images: () => listImages(this.docker), volumes: () => listVolumes(this.docker), networks: () => listNetworks(this.docker) }[kind]
        latest.update((await fetch()) as ListItem<K>[])
      }
    }
    return latest.snapshot()
  }

  /**
   * Lists the networks again now. Podman 4.3 sends no event when a network is created, removed or
   * pruned, so Berth's own changes ask for it, and the page can (for changes made by other tools).
   */
  async refreshNetworks(): Promise<ListSnapshot<NetworkSummary>> {
    await this.networks.request()
    return this.snapshot('networks')
  }

  /** Fresh lists after every burst of engine events that could have changed them. */
  watch(listeners: EngineListeners): () => void {
    this.listeners.add(listeners)
    return () => this.listeners.delete(listeners)
  }

  start(): void {
    this.connection.start()
  }

  stop(): void {
    this.expectations.dispose()
    void releaseHelpers(this.docker).catch(() => {})
    this.connection.stop()
  }
}

export type { EngineStatus } from '@common/contract/engine'
export type { ContainerSummary } from '@common/contract/containers'
export type { ImageSummary } from '@common/contract/images'
