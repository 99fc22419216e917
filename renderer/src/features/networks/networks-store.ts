// The engine's networks (`docker network ls`), kept live from the bridge's events, and what can be
// done to them. Other features read it too: the Run dialog's --network choices, a container's page,
// a compose project's page (forProject).
import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import { berth } from '../../bridge'
import { useActivityStore } from '../activity/activity-store'
import { useLiveList } from '../../composables/live-list'
import { useLoaded } from '../../composables/loaded'
import { useEnginesStore } from '../engines/engines-store'
import { networkShape, sameOr } from '@common/live-list'
import type { CreateNetworkInput, NetworkInspect, NetworkSummary } from '@common/contract/networks'
import { COMPOSE_PROJECT_LABEL } from '@common/contract/plain'
import type { Result } from '@common/contract/shared'
import { connectCli, createNetworkCli, disconnectCli, pruneNetworksCli, removeNetworkCli } from './network-cli'

export const useNetworksStore = defineStore('networks', () => {
  const { list, loaded, load, forget, start } = useLiveList(
    () => berth.networks.list(),
    (listener) => berth.networks.onChanged(listener),
    networkShape,
  )
  const inspected = useLoaded<NetworkInspect>((name) => berth.networks.inspect({ name }), false)
  const activity = useActivityStore()
  // `bridge` is on every engine, with another id and members: nothing read from the old one is shown.
  watch(() => useEnginesStore().generation, inspected.forget)
  const query = ref('')
  const busy = ref(new Set<string>())
  /** The networks a prune would remove, while the user is asked to confirm them. */
  const pruneCandidates = ref<string[] | null>(null)

  /** By name, driver, subnet or a container on it. */
  const visible = computed<NetworkSummary[]>((previous) => {
    const q = query.value.trim().toLowerCase()
    if (!q) return list.value
    return sameOr(
      previous,
      list.value.filter(
        (n) => n.name.toLowerCase().includes(q) || n.driver.includes(q) || n.subnets.some((s) => s.subnet.includes(q)) || n.containers.some((c) => c.name.toLowerCase().includes(q)),
      ),
    )
  })

  const find = (name: string): NetworkSummary | undefined => list.value.find((n) => n.name === name)
  /** The networks Compose made for a project (`app_default`, …), by their com.docker.compose.project label. */
  const forProject = (project: string): NetworkSummary[] => list.value.filter((n) => n.labels[COMPOSE_PROJECT_LABEL] === project)
  /** The networks a container is on, by its name. */
  const forContainer = (container: string): NetworkSummary[] => list.value.filter((n) => n.containers.some((c) => c.name === container))

  async function withBusy<T>(key: string, run: () => Promise<T>): Promise<T> {
    busy.value = new Set(busy.value).add(key)
    try {
      return await run()
    } finally {
      const next = new Set(busy.value)
      next.delete(key)
      busy.value = next
    }
  }

  async function create(input: CreateNetworkInput): Promise<boolean> {
    return (await activity.track(createNetworkCli(input), () => berth.networks.create(input), 'network.create')).ok
  }

  async function remove(network: NetworkSummary): Promise<boolean> {
    return (await activity.track(removeNetworkCli(network.name), () => removeOne(network))).ok
  }

  /** The bridge call alone, for a batch, which is tracked once under one command line. */
  const removeOne = (network: NetworkSummary): Promise<Result<void>> => withBusy(network.name, () => berth.networks.remove({ name: network.name }))

  function connect(network: string, container: string, aliases: string[] = []): Promise<boolean> {
    return withBusy(`${network} ${container}`, async () =>
      (await activity.track(connectCli(network, container, aliases), () => berth.networks.connect({ network, container, aliases }), `network.connect:${network}`)).ok,
    )
  }

  function disconnect(network: string, container: string): Promise<boolean> {
    return withBusy(`${network} ${container}`, async () => (await activity.track(disconnectCli(network, container), () => berth.networks.disconnect({ network, container }))).ok)
  }

  /** Lists again: Podman sends no event when another tool creates or removes a network. */
  async function refresh(): Promise<void> {
    await berth.networks.refresh()
  }

  /** Asks the engine what a prune would remove; the view shows it for confirmation. */
  async function previewPrune(): Promise<void> {
    const result = await berth.networks.prunePreview()
    if (result.ok) pruneCandidates.value = result.value.networks
  }

  async function confirmPrune(confirmed: boolean): Promise<void> {
    const names = pruneCandidates.value ?? []
    pruneCandidates.value = null
    if (!confirmed || names.length === 0) return
    await activity.track(pruneNetworksCli(), async () => {
      const result = await berth.networks.prune({ names })
      if (!result.ok || result.value.kept.length === 0) return result
      // Something came into use since the preview: say which, and why it stayed.
      const kept = result.value.kept.map((k) => k.reason).join(' ')
      return { ok: false as const, error: { code: 'in-use' as const, message: `Removed ${result.value.removed.length}; kept some: ${kept}` } }
    })
  }

  return {
    list,
    loaded,
    load,
    forget,
    start,
    query,
    busy,
    visible,
    pruneCandidates,
    find,
    forProject,
    forContainer,
    loadInspect: inspected.load,
    inspected: inspected.get,
    create,
    remove,
    removeOne,
    connect,
    disconnect,
    refresh,
    previewPrune,
    confirmPrune,
  }
})
