// The terminals of this window: attach (`docker attach`, `docker start -a -i`) and exec sessions,
// each with its state. Output bytes go straight to the session's xterm (never through Vue's
// reactivity), by way of its OutputFlow, which acknowledges what xterm has parsed.
import { defineStore } from 'pinia'
import { reactive, ref, watch } from 'vue'
import { berth } from '../../bridge'
import { useEngineStore } from '../engine/engine-store'
import { useEnginesStore } from '../engines/engines-store'
import type { Result } from '@common/contract/shared'
import type { TerminalInfo, TerminalOutput, TerminalState } from '@common/contract/terminal'
import { MAX_INPUT_BYTES } from '@common/contract/terminal'
import { OutputFlow, type Writer } from './output-flow'

export type { Writer }

/** `run`: the start that finishes a `docker run` from the Run dialog (created, then started attached), so named as the user asked it. */
export type OpenRequest = { kind: 'attach' } | { kind: 'start'; run?: boolean } | { kind: 'exec'; command?: string[]; user?: string }

export interface TerminalSize {
  cols: number
  rows: number
}

export interface TerminalTab {
  session: string
  containerId: string
  label: string
  request: OpenRequest
  info: TerminalInfo | null
  phase: TerminalState['phase'] | 'opening'
  code?: number | null
  reason?: TerminalState['reason']
  message?: string
  /** Set by a reattach while the same pane stays: the view writes a separator line. */
  opens: number
}

export const useTerminalsStore = defineStore('terminals', () => {
  const tabs = ref<TerminalTab[]>([])
  const active = ref('')
  const flows = new Map<string, OutputFlow>()
  let counter = 0
  let listening = false

  const tab = (session: string) => tabs.value.find((t) => t.session === session)

  function listen(): void {
    if (listening) return
    listening = true
    berth.terminal.onOutput(output)
    berth.terminal.onState(changed)
  }

  function output({ session, data }: TerminalOutput): void {
    flows.get(session)?.take(data)
  }

  function changed(state: TerminalState): void {
    const t = tab(state.session)
    if (!t) return
    // "Can come back" adds to what happened; it does not replace it.
    if (state.phase === 'can-return') {
      // The engine's restart is the bigger news: the container starting with it does not hide it.
      if (t.reason !== 'engine-restarted') t.reason = state.reason
      return
    }
    t.phase = state.phase
    t.code = state.code
    t.message = state.message
    if (state.phase === 'attached') t.reason = undefined
  }

  /** The view's xterm for this session; output that came first is drawn now. */
  function connectView(session: string, writer: Writer | null): void {
    flows.get(session)?.connect(writer)
  }

  function labelOf(request: OpenRequest, name: string): string {
    if (request.kind === 'exec') return request.command ? request.command.join(' ') : 'shell'
    if (request.kind === 'start') return request.run ? `run ${name}` : `start -a -i ${name}`
    return `attach ${name}`
  }

  /** Opens a session on this container; the view connects its xterm and sends the size first. */
  function open(container: { id: string; name: string }, request: OpenRequest): TerminalTab {
    listen()
    const session = `t${++counter}-${Date.now().toString(36)}`
    const t = reactive<TerminalTab>({
      session, containerId: container.id, label: labelOf(request, container.name), request, info: null, phase: 'opening', opens: 0,
    })
    tabs.value.push(t)
    active.value = session
    flows.set(session, new OutputFlow((bytes) => void berth.terminal.ack({ session, bytes })))
    return tab(session) as TerminalTab
  }

  /** Starts (or starts again, in the same pane) the session's stream, with the pane's size. */
  async function connect(session: string, size: TerminalSize, request?: OpenRequest): Promise<void> {
    const t = tab(session)
    const flow = flows.get(session)
    if (!t || !flow) return
    if (request) {
      t.request = request
      t.label = labelOf(request, t.info?.name ?? '')
    }
    t.phase = 'opening'
    t.message = undefined
    t.code = undefined
    t.reason = undefined
    t.opens++
    flow.restart()
    const id = t.containerId
    const r = t.request
    let result: Result<TerminalInfo>
    if (r.kind === 'exec') result = await berth.terminal.exec({ session, id, size, ...(r.command ? { command: r.command } : {}), ...(r.user ? { user: r.user } : {}) })
    else if (r.kind === 'start') result = await berth.terminal.startAttached({ session, id, size })
    else result = await berth.terminal.attach({ session, id, size })
    if (!tab(session)) return
    if (result.ok) {
      t.info = result.value
      if (r.kind !== 'exec') t.label = labelOf(r, result.value.name)
      if (t.phase === 'opening') t.phase = 'attached'
    } else {
      t.phase = 'failed'
      t.message = result.error.message
    }
  }

  /** Keystrokes and pastes, as UTF-8 bytes; a long paste goes in pieces the bridge accepts. */
  function input(session: string, text: string | Uint8Array): void {
    const t = tab(session)
    if (!t || t.phase !== 'attached') return
    const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text
    for (let at = 0; at < bytes.length; at += MAX_INPUT_BYTES) {
      void berth.terminal.input({ session, data: bytes.subarray(at, at + MAX_INPUT_BYTES) })
    }
  }

  function resize(session: string, size: TerminalSize): void {
    const t = tab(session)
    if (t?.phase === 'attached') void berth.terminal.resize({ session, size })
  }

  function close(session: string): void {
    void berth.terminal.close({ session })
    flows.get(session)?.stop()
    flows.delete(session)
    tabs.value = tabs.value.filter((t) => t.session !== session)
    if (active.value === session) active.value = tabs.value.at(-1)?.session ?? ''
  }

  /** Leaving the container's Terminal tab ends its sessions (like closing the CLI's window). */
  function closeAll(): void {
    for (const t of [...tabs.value]) close(t.session)
  }

  // A dropped link to Berth (browser mode) closed every session on the server's side, silently.
  watch(
    () => useEngineStore().reconnectedAt,
    () => {
      for (const t of tabs.value) {
        if (t.phase === 'attached' || t.phase === 'opening') {
          t.phase = 'engine-lost'
          t.message = 'The connection to Berth dropped, which ended this terminal.'
        }
      }
    },
  )

  // A switch of engines closed every session of the old one.
  watch(
    () => useEnginesStore().generation,
    () => {
      const away = useEnginesStore().lastSwitch
      for (const t of tabs.value) {
        if (away && (t.phase === 'attached' || t.phase === 'opening')) {
          t.phase = 'engine-lost'
          t.message = `This terminal ran on engine ${away.from.name}; Berth now shows engine ${away.to.name}, which closed it.`
        }
      }
    },
  )

  return { tabs, active, open, connect, connectView, input, resize, close, closeAll }
})
