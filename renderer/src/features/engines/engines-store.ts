// Every engine the user has (each docker context, as `docker context ls` shows it, and the local
// sockets that answer), which one Berth shows, and switching live. The only code that calls
// `window.berth.engines`. A switch bumps `generation`: every store reloads its lists from it, and
// pages that showed something of the old engine say so (see switched-away.ts).
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import { berth } from '../../bridge'
import { useActivityStore } from '../activity/activity-store'
import { useEngineStore } from '../engine/engine-store'
import { setCliEngineFlags, shellWord } from '../../shared/cli'
import { removeContextLine, useContextLine } from './engine-cli'
import type { AddEngineInput, EngineEntry, EngineList, UnknownHostKey } from '@common/contract/engines'
import type { BerthError } from '@common/contract/shared'

/** The last switch: from which engine to which, for the sentences of the pages it left behind. */
export interface EngineSwitch {
  from: { id: string; name: string }
  to: { id: string; name: string }
  /** Counts switches in this page; pages compare it with the one they opened under. */
  generation: number
}

export type AddOutcome = { state: 'added'; entry: EngineEntry } | { state: 'unknown-host-key'; key: UnknownHostKey } | { state: 'failed'; error: BerthError }

export const useEnginesStore = defineStore('engines', () => {
  const activity = useActivityStore()
  const list = shallowRef<EngineList | null>(null)
  const loadError = ref<BerthError | null>(null)
  /** 0 until Berth switches engines in this page; each switch adds one. */
  const generation = ref(0)
  const lastSwitch = shallowRef<EngineSwitch | null>(null)
  /** The engine a click asked for, until the switch is done. */
  const switching = ref<string | null>(null)
  /** The desktop window has a file dialog for TLS files; a browser types their paths. */
  const canPickFiles = window.berthDesktop !== undefined

  const engines = computed(() => list.value?.engines ?? [])
  const inUse = computed(() => engines.value.find((e) => e.inUse) ?? null)
  const cliDefault = computed(() => engines.value.find((e) => e.cliDefault) ?? null)

  function take(next: EngineList): void {
    list.value = next
    setCliEngineFlags(next.cliFlags)
  }

  function switched(payload: { from: { id: string; name: string }; to: { id: string; name: string }; list: EngineList }): void {
    take(payload.list)
    generation.value++
    lastSwitch.value = { from: payload.from, to: payload.to, generation: generation.value }
    switching.value = null
  }

  async function load(): Promise<void> {
    const result = await berth.engines.list()
    if (result.ok) take(result.value)
    loadError.value = result.ok ? null : result.error
  }

  function start(): void {
    berth.engines.onChanged(take)
    berth.engines.onSwitched(switched)
    // The engine in view answering or going away changes its row: ask again rather than show the old reach.
    watch(
      () => useEngineStore().status?.state,
      (state, before) => void (before !== undefined && state !== before && load()),
    )
    void load()
  }

  /** Berth shows this engine from now on; the CLI is left alone. The `switched` event moves the pages. */
  async function use(engine: EngineEntry): Promise<boolean> {
    if (engine.inUse) return true
    switching.value = engine.id
    // What does the same for one shell without touching the CLI's default.
    const line = engine.kind === 'context' ? `export DOCKER_CONTEXT=${shellWord(engine.name)}` : `export DOCKER_HOST=${shellWord(engine.host)}`
    const result = await activity.track(line, () => berth.engines.use({ id: engine.id }), 'engines.use')
    if (result.ok) take(result.value)
    if (switching.value === engine.id) switching.value = null
    return result.ok
  }

  async function makeCliDefault(engine: EngineEntry): Promise<boolean> {
    const result = await activity.track(useContextLine(engine.name), () => berth.engines.makeCliDefault({ name: engine.name }))
    if (result.ok) take(result.value)
    return result.ok
  }

  async function remove(engine: EngineEntry): Promise<boolean> {
    const result = await activity.track(removeContextLine(engine.name), () => berth.engines.remove({ name: engine.name }))
    if (result.ok) take(result.value)
    return result.ok
  }

  /** Adds a context; an unknown ssh host key comes back for the user to accept (nothing was written). */
  async function add(input: AddEngineInput): Promise<AddOutcome> {
    // Errors are shown in the dialog, beside the field they are about, not in the activity bar.
    const result = await berth.engines.add(input)
    if (!result.ok) return { state: 'failed', error: result.error }
    if (!result.value.added) return { state: 'unknown-host-key', key: result.value.unknownHostKey }
    void load()
    return { state: 'added', entry: result.value.entry }
  }

  /** Trusts the host key the user was shown, then adds the engine again. */
  async function trustAndAdd(key: UnknownHostKey, input: AddEngineInput): Promise<AddOutcome> {
    const accepted = await berth.engines.acceptHostKey({ host: input.host, fingerprint: key.fingerprint })
    if (!accepted.ok) return { state: 'failed', error: accepted.error }
    return add(input)
  }

  /** The OS file dialog for a TLS file, where there is one (the desktop window); null otherwise. */
  async function pickFile(title: string): Promise<string | null> {
    const result = await berth.engines.pickFile({ title })
    return result.ok ? result.value : null
  }

  return { list, loadError, canPickFiles, engines, inUse, cliDefault, generation, lastSwitch, switching, load, start, use, makeCliDefault, remove, add, trustAndAdd, pickFile }
})
