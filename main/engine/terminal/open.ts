// Opening terminal sessions the way the CLI does: `docker attach`, `docker start -a -i` and
// `docker exec -it`. The order matters: the wait is registered and the attach connected before the
// container starts, so neither its first byte nor its exit code (even with --rm) can be missed.
import type Dockerode from 'dockerode'
import type { Duplex } from 'node:stream'
import { setTimeout as sleep } from 'node:timers/promises'
import { EngineError, toEngineError } from '../errors'
import { TerminalSession, type SessionOptions, type SessionSink, type TerminalEnd } from './session'
import { registerWait, type DeathWatch, type ExitWait } from './wait'
import { engineKindOf } from '../engine-product'
import { findShell, notFoundCommand } from './shell'

/** Ctrl-P Ctrl-Q, the CLI's default: the process keeps running and the terminal lets go. */
export const DETACH_KEYS = 'ctrl-p,ctrl-q'
const DETACH_BYTES = [0x10, 0x11]
/** Ctrl-U (erase the line typed so far), Ctrl-D (end of file). */
const HANG_UP = new Uint8Array([0x15, 0x04])

export interface TerminalSize {
  cols: number
  rows: number
}

export interface OpenedTerminal {
  session: TerminalSession
  kind: 'attach' | 'exec'
  containerId: string
  name: string
  tty: boolean
  cli: string
  /** Follows the pane; a process that has gone (or a container without a TTY) just ignores it. */
  resize(size: TerminalSize): Promise<void>
}

type Tuning = Pick<SessionOptions, 'highWater' | 'lowWater' | 'maxChunk'>

export interface OpenOptions {
  /** The container's `die` events, whose exit code the engine's wait may get wrong (see registerWait). */
  deaths?: DeathWatch
  tuning?: Tuning
}

async function inspect(docker: Dockerode, id: string): Promise<Dockerode.ContainerInspectInfo> {
  try {
    return await docker.getContainer(id).inspect()
  } catch (err) {
    throw toEngineError(err, { kind: 'container', ref: id })
  }
}

/** Whether the last keys typed were the detach keys, so the end can be read as a detach at once. */
function detachWatcher() {
  let last = -1
  let typed = false
  return {
    note(data: Uint8Array) {
      for (const byte of data) {
        typed = last === DETACH_BYTES[0] && byte === DETACH_BYTES[1]
        last = byte
      }
    },
    get typed() {
      return typed
    },
  }
}

function lostOr(err: unknown, fallback: TerminalEnd): TerminalEnd {
  return toEngineError(err).code === 'engine-unreachable' ? { phase: 'engine-lost' } : fallback
}

interface Modem {
  dial(options: object, callback: (err: unknown, socket: Duplex) => void): void
}

/**
 * `POST /containers/{id}/attach`, upgraded to a raw connection. Dockerode's own attach also sends its
 * options as a JSON body, which Docker ignores but Podman reads as the first bytes typed; here they
 * go in the query alone, with an empty body.
 */
async function hijackAttach(docker: Dockerode, id: string): Promise<Duplex> {
  const modem = (docker as unknown as { modem: Modem }).modem
  const query = { stream: true, stdin: true, stdout: true, stderr: true, detachKeys: DETACH_KEYS }
  return new Promise((resolve, reject) => {
    modem.dial(
      {
        path: `/containers/${id}/attach?`,
        method: 'POST',
        isStream: true,
        hijack: true,
        // An empty buffer is the modem's one way to send `Content-Length: 0` and end the request.
        file: Buffer.alloc(0),
        statusCodes: { 101: true, 200: true, 404: 'no such container', 409: 'container is paused', 500: 'server error' },
        options: { _query: query, _body: {} },
      },
      (err, socket) => (err ? reject(toEngineError(err, { kind: 'container', ref: id })) : resolve(socket)),
    )
  })
}

/**
 * A session on the container's main process, waiting for its exit code the whole time. `runningSince`:
 * when the run attached to started (an attach to a running container); a later start means the
 * process exited and the container started again (a restart) rather than a detach.
 */
function attachSession(docker: Dockerode, info: Dockerode.ContainerInspectInfo, wait: ExitWait, sink: SessionSink, tuning: Tuning, runningSince?: string) {
  const detach = detachWatcher()
  const outcome = async (): Promise<TerminalEnd> => {
    // The stream ends a moment before the engine records the exit: give the wait a chance first.
    const code = await Promise.race([wait.result, sleep(detach.typed ? 100 : 1500).then(() => undefined)])
    // null: the wait itself was cut (the engine went away); the inspect below tells.
    if (code !== undefined && code !== null) return { phase: 'exited', code }
    try {
      const now = await docker.getContainer(info.Id).inspect()
      if (now.State.Running) {
        wait.abort()
        // Started since the attach began: the process exited and a restart ran the container again.
        return !runningSince || now.State.StartedAt === runningSince ? { phase: 'detached' } : { phase: 'exited', code: null }
      }
      return { phase: 'exited', code: (await Promise.race([wait.result, sleep(3000).then(() => null)])) ?? now.State.ExitCode }
    } catch (err) {
      // Removed (--rm): the wait for removal still has the code.
      if (toEngineError(err).code === 'not-found') return { phase: 'exited', code: await Promise.race([wait.result, sleep(3000).then(() => null)]) }
      wait.abort()
      return lostOr(err, { phase: 'exited', code: null })
    }
  }
  const session = new TerminalSession({ tty: Boolean(info.Config.Tty), ...tuning }, sink, outcome)
  const write = session.write.bind(session)
  session.write = (data) => {
    detach.note(data)
    write(data)
    // Podman 4.3 stops reading at the detach keys but keeps the connection open (its output copy runs
    // on): Berth ends it, as the docker CLI does. Docker has ended it already.
    if (detach.typed) session.hangUp()
  }
  // A closed pane stops waiting too: the wait would otherwise hold a connection until the container exits.
  const close = session.close.bind(session)
  session.close = (farewell) => {
    wait.abort()
    close(farewell)
  }
  return session
}

function described(info: Dockerode.ContainerInspectInfo, kind: 'attach' | 'start', docker: Dockerode, wait: ExitWait, sink: SessionSink, tuning: Tuning) {
  const name = info.Name.replace(/^\//, '')
  const tty = Boolean(info.Config.Tty)
  return {
    session: attachSession(docker, info, wait, sink, tuning, kind === 'attach' ? info.State.StartedAt : undefined),
    kind: 'attach' as const,
    containerId: info.Id,
    name,
    tty,
    cli: kind === 'attach' ? `docker attach ${name}` : `docker start -a -i ${name}`,
    resize: async (size: TerminalSize) => {
      if (tty) await docker.getContainer(info.Id).resize({ h: size.rows, w: size.cols }).catch(() => {})
    },
  }
}

/**
 * What to wait for to learn the main process's exit code. A `--rm` container is gone right after its
 * exit, so Docker is asked for its removal (the docker CLI's way), which still answers with the code.
 * Podman 4.3 answered that wait with 0 for a process that exited with 3 (the --rm test in
 * test/e2e/terminal.spec.ts); its `next-exit` answers with the right code, before the removal.
 */
async function exitCondition(docker: Dockerode, info: Dockerode.ContainerInspectInfo): Promise<'removed' | 'next-exit'> {
  if (!info.HostConfig.AutoRemove) return 'next-exit'
  return (await engineKindOf(docker)) === 'podman' ? 'next-exit' : 'removed'
}

/** `docker attach`: to a running container's main process. */
export async function openAttach(docker: Dockerode, id: string, size: TerminalSize, sink: SessionSink, options: OpenOptions = {}): Promise<OpenedTerminal> {
  const info = await inspect(docker, id)
  if (!info.State.Running) {
    throw new EngineError('conflict', `The container "${info.Name.replace(/^\//, '')}" is not running: start it attached (docker start -a -i) instead.`)
  }
  // The size first, so the first byte the process writes after attaching fits the pane.
  if (info.Config.Tty) await docker.getContainer(info.Id).resize({ h: size.rows, w: size.cols }).catch(() => {})
  const wait = await registerWait(docker, info.Id, await exitCondition(docker, info), options.deaths)
  const opened = described(info, 'attach', docker, wait, sink, options.tuning ?? {})
  try {
    opened.session.connect(await hijackAttach(docker, info.Id))
  } catch (err) {
    wait.abort()
    throw err
  }
  return opened
}

/** `docker start -a -i`: attach and wait first, then start, so no output and no exit code is lost. */
export async function openStartAttached(docker: Dockerode, id: string, size: TerminalSize, sink: SessionSink, options: OpenOptions = {}): Promise<OpenedTerminal> {
  const info = await inspect(docker, id)
  if (info.State.Running) return openAttach(docker, id, size, sink, options)
  const wait = await registerWait(docker, info.Id, await exitCondition(docker, info), options.deaths)
  let socket: Duplex | null = null
  try {
    socket = await hijackAttach(docker, info.Id)
    const opened = described(info, 'start', docker, wait, sink, options.tuning ?? {})
    opened.session.connect(socket)
    await docker.getContainer(info.Id).start()
    // The engine takes a size only once the process exists; this is what `docker start -a` does too.
    if (info.Config.Tty) await docker.getContainer(info.Id).resize({ h: size.rows, w: size.cols }).catch(() => {})
    return opened
  } catch (err) {
    wait.abort()
    socket?.destroy()
    throw toEngineError(err, { kind: 'container', ref: id })
  }
}

export interface ExecOptions {
  command?: string[]
  user?: string
}

/** `docker exec -it`: a shell (bash when present, else sh) or the given command, as the given user. */
export async function openExec(docker: Dockerode, id: string, size: TerminalSize, what: ExecOptions, sink: SessionSink, options: OpenOptions = {}): Promise<OpenedTerminal> {
  const info = await inspect(docker, id)
  const name = info.Name.replace(/^\//, '')
  if (!info.State.Running) {
    throw new EngineError('conflict', `The container "${name}" is not running: exec needs a running container. Start it first.`)
  }
  const command = what.command ?? [await findShell(docker, info.Id)]
  const container = docker.getContainer(info.Id)
  // The container's exit, to tell a shell that ended by itself from one that went with its container.
  const wait = await registerWait(docker, info.Id, 'next-exit', options.deaths)
  let socket: Duplex
  let exec: Dockerode.Exec
  try {
    exec = await container.exec({
      Cmd: command,
      AttachStdin: true, AttachStdout: true, AttachStderr: true, Tty: true,
      DetachKeys: DETACH_KEYS,
      ...(what.user ? { User: what.user } : {}),
    })
    socket = (await exec.start({ hijack: true, stdin: true, Detach: false, Tty: true })) as unknown as Duplex
  } catch (err) {
    wait.abort()
    throw notFoundCommand(err, command) ?? toEngineError(err, { kind: 'container', ref: name })
  }
  // Before the first byte is read; this engine (API 1.41) takes no size with the start itself.
  await exec.resize({ h: size.rows, w: size.cols }).catch(() => {})
  let firstBytes = ''
  const watched: SessionSink = {
    output: (data) => {
      if (firstBytes.length < 1024) firstBytes += data.toString('utf8', 0, 1024)
      sink.output(data)
    },
    ended: sink.ended,
  }
  const outcome = async (): Promise<TerminalEnd> => {
    try {
      // Podman forgets an exec once its container stops (not-found), and may refuse to describe it
      // while the container restarts: then the container tells.
      const state = await exec.inspect().catch((err: unknown) => {
        if (toEngineError(err).code === 'engine-unreachable') throw err
        return null
      })
      if (state?.Running) return { phase: 'detached' }
      const missing = notFoundCommand(firstBytes, command)
      if (missing) return { phase: 'failed', message: missing.message }
      // A shell killed with its container (docker stop or restart, the engine shutting down) ends a
      // moment before the engine records the container's exit; by the time it is asked, a restart may
      // even have run it again. The wait registered at the start knows either way, when it answers in time.
      // Podman may not know the code yet (null) while it cleans the exec up after its container.
      const killed = !state || state.ExitCode === null || state.ExitCode === undefined || state.ExitCode >= 128
      const exit = await Promise.race([wait.result, sleep(killed ? 1500 : 100).then(() => undefined)])
      if (typeof exit === 'number') return { phase: 'container-stopped', code: exit }
      const now = await container.inspect()
      if (!now.State.Running) return { phase: 'container-stopped', code: now.State.ExitCode }
      // Running again since the shell opened: its run ended it, though the wait was late to say with what code.
      if (now.State.StartedAt !== info.State.StartedAt) {
        return { phase: 'container-stopped', code: (await Promise.race([wait.result, sleep(1500).then(() => null)])) ?? null }
      }
      return { phase: 'exited', code: state?.ExitCode ?? null }
    } catch (err) {
      // Removed with its shell (--rm), or the engine gone: a Docker engine shutting down stops its
      // containers first, and the wait may have had the code before the engine stopped answering.
      const code = await Promise.race([wait.result, sleep(1500).then(() => null)])
      if (toEngineError(err).code === 'not-found') return { phase: 'container-stopped', code }
      return code === null ? lostOr(err, { phase: 'exited', code: null }) : { phase: 'container-stopped', code }
    } finally {
      wait.abort()
    }
  }
  const session = new TerminalSession({ tty: true, ...options.tuning }, watched, outcome)
  // The engine leaves an exec process running when its client goes (moby#9098), so a closed tab
  // would leave shells behind: erase the line and send end-of-file, which ends a shell at its prompt.
  const close = session.close.bind(session)
  session.close = () => {
    wait.abort()
    close(HANG_UP)
  }
  session.connect(socket)
  const cli = `docker exec -it${what.user ? ` -u ${what.user}` : ''} ${name} ${command.join(' ')}`
  const resize = async (next: TerminalSize) => {
    await exec.resize({ h: next.rows, w: next.cols }).catch(() => {})
  }
  return { session, kind: 'exec', containerId: info.Id, name, tty: true, cli, resize }
}
