// The engine layer: the only code that talks to the daemon. Plain Node, no electron, so tests and
// the browser mode run it as is.
import { EngineConnection, type ConnectionOptions } from './connection'
import { listContainers } from './containers/containers'
import { ContainerExpectations } from './containers/expectations'
import { ContainerEventTimes } from './containers/since'
import { listImages } from './images/images'
import { Refresher } from './live'
import type { ContainerSummary, ImageSummary } from '../../common/types'
import { listVolumes } from './volumes/volumes'
import { releaseHelpers, removeStaleHelpers } from './volumes/helper'
import type { VolumeSummary } from '../../common/volume-types'

export interface EngineListeners {
  containers(list: ContainerSummary[]): void
  images?(list: ImageSummary[]): void
  volumes?(list: VolumeSummary[]): void
}

export class Engine {
  readonly connection: EngineConnection
  private readonly listeners = new Set<EngineListeners>()
  private readonly containers: Refresher<ContainerSummary[]>
  private readonly expectations: ContainerExpectations
  private readonly images: Refresher<ImageSummary[]>
  private readonly volumes: Refresher<VolumeSummary[]>
  /** Exact start and die times, for the containers whose events Berth saw. */
  readonly containerTimes = new ContainerEventTimes()

  constructor(options: ConnectionOptions = {}) {
    this.connection = new EngineConnection(options)
    // A failed refresh means the engine went away; the connection reports that on its own.
    this.containers = new Refresher(
      () => listContainers(this.docker, this.containerTimes),
      (list) => {
        this.listeners.forEach((l) => l.containers(list))
        this.expectations.check(list)
      },
    )
    this.expectations = new ContainerExpectations(() => void this.containers.request())
    this.images = new Refresher(
      () => listImages(this.docker),
      (list) => this.listeners.forEach((l) => l.images?.(list)),
    )
    this.volumes = new Refresher(
      () => listVolumes(this.docker),
      (list) => this.listeners.forEach((l) => l.volumes?.(list)),
    )
    this.connection.onEvent((event) => this.containerTimes.note(event))
    // Volume helpers left by a Berth that quit while browsing would hold their volumes; those of
    // another Berth still running on this engine are its own business.
    this.connection.onStatus((status) => {
      if (status.state === 'connected') void removeStaleHelpers(this.docker).catch(() => {})
    })
    this.connection.onBurst(({ kinds, containerActions, containerSetChanged }) => {
      this.expectations.note(containerActions)
      if (kinds.has('container')) void this.containers.request()
      // Image and volume rows count the containers using them: refresh them when containers come
      // or go, not on every start and stop.
      if (kinds.has('image') || containerSetChanged) void this.images.request()
      if (kinds.has('volume') || containerSetChanged) void this.volumes.request()
    })
  }

  get docker() {
    return this.connection.docker
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

export type { EngineStatus, ContainerSummary, ImageSummary } from '../../common/types'
