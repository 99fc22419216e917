// The terminal domain: each page owns the sessions it opens, under names it chose. Output goes to
// that page only, as bytes; all of its sessions close when it goes away. A session that ended keeps
// listening for its container or the engine to come back, so the page can offer to reattach.
import type { Engine } from '../engine'
import { EngineError } from '../engine/errors'
import type { RevivalReason } from '../engine/revival'
import { openAttach, openExec, openStartAttached, type OpenedTerminal } from '../engine/terminal/open'
import type { SessionSink, TerminalEnd } from '../engine/terminal/session'
import type { TerminalInfo } from '@common/contract/terminal'
import type { Caller, Handlers } from './router'
import { pageStreams } from './page-streams'

/** Several terminals and their pop-outs; more than this is a page that forgets to close. */
const MAX_SESSIONS_PER_PAGE = 16

interface Entry {
  opened: OpenedTerminal | null
  closed: boolean
  /** How it ended, once it has. */
  end: TerminalEnd | null
  unwatch: (() => void) | null
}

/** Ends that mean the container's process went: if the container runs now, it has started again. */
const wentWithContainer = (kind: OpenedTerminal['kind'], end: TerminalEnd) =>
  kind === 'exec' ? end.phase === 'container-stopped' : end.phase === 'exited'

export function createTerminalHandlers(engine: Engine): Handlers['terminal'] {
  const sessionsOf = pageStreams<Entry>((entry, session, caller, ending) => {
    const open = !entry.closed && !entry.end
    release(entry)
    if (ending && open) caller.send('terminal', 'state', { session, phase: 'failed', message: ending.message })
  })

  const release = (entry: Entry) => {
    entry.closed = true
    entry.opened?.session.close()
    entry.unwatch?.()
    entry.unwatch = null
  }

  const closeNamed = (caller: Caller, session: string) => {
    const sessions = sessionsOf(caller)
    const entry = sessions.get(session)
    if (entry) release(entry)
    sessions.delete(session)
  }

  const open = async (caller: Caller, session: string, start: (sink: SessionSink) => Promise<OpenedTerminal>): Promise<TerminalInfo> => {
    closeNamed(caller, session)
    const sessions = sessionsOf(caller)
    if (sessions.size >= MAX_SESSIONS_PER_PAGE) {
      throw new EngineError('conflict', `This window already has ${MAX_SESSIONS_PER_PAGE} terminals open. Close some first.`)
    }
    const entry: Entry = { opened: null, closed: false, end: null, unwatch: null }
    sessions.set(session, entry)
    const canReturn = (reason: RevivalReason) => {
      if (!entry.closed) caller.send('terminal', 'state', { session, phase: 'can-return', reason })
    }
    // The stream can come back when the container starts again or the engine answers again.
    const listen = () => {
      const { opened, end } = entry
      if (!opened || !end || entry.unwatch || entry.closed) return
      entry.unwatch = engine.revival.watch(opened.containerId, canReturn)
      // A restart (docker restart, a restart policy) can run the container again before this
      // listens: then its start has been and gone, and only the container's state tells.
      if (!wentWithContainer(opened.kind, end)) return
      engine.docker
        .getContainer(opened.containerId)
        .inspect()
        .then((info) => info.State.Running && canReturn('container-started'))
        .catch(() => {})
    }
    const sink: SessionSink = {
      output: (data) => caller.send('terminal', 'output', { session, data }),
      ended: (end) => {
        if (entry.closed) return
        entry.end = end
        caller.send('terminal', 'state', { session, ...end })
        listen()
      },
    }
    try {
      const opened = await start(sink)
      entry.opened = opened
      if (entry.closed) opened.session.close()
      // It may have ended already (a process that exits at once): it still listens for a way back.
      else if (entry.end) listen()
      else caller.send('terminal', 'state', { session, phase: 'attached' })
      return { session, kind: opened.kind, containerId: opened.containerId, name: opened.name, tty: opened.tty, cli: opened.cli }
    } catch (err) {
      if (sessions.get(session) === entry) sessions.delete(session)
      throw err
    }
  }

  // The exit codes the engine's events give, which a terminal's own wait may get wrong.
  const options = { deaths: engine.revival.onDeath }

  const find = (caller: Caller, session: string) => sessionsOf(caller).get(session)?.opened?.session

  return {
    attach: ({ session, id, size }, caller) => open(caller, session, (sink) => openAttach(engine.docker, id, size, sink, options)),
    startAttached: ({ session, id, size }, caller) => open(caller, session, (sink) => openStartAttached(engine.docker, id, size, sink, options)),
    exec: ({ session, id, size, command, user }, caller) => open(caller, session, (sink) => openExec(engine.docker, id, size, { command, user }, sink, options)),
    input: async ({ session, data }, caller) => {
      const s = find(caller, session)
      if (!s || s.isClosed) throw new EngineError('not-found', 'This terminal is no longer connected. Reattach or open a new shell.')
      s.write(data)
    },
    resize: async ({ session, size }, caller) => {
      const entry = sessionsOf(caller).get(session)
      if (entry?.opened && !entry.closed) await entry.opened.resize(size)
    },
    // A late ack for a session that just ended is harmless.
    ack: async ({ session, bytes }, caller) => find(caller, session)?.ack(bytes),
    close: async ({ session }, caller) => closeNamed(caller, session),
  }
}
