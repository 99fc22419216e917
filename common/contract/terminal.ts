// The terminal domain: a session is an attach to a container's main process (`docker attach`,
// `docker start -a -i`) or a process started in it (`docker exec -it`). Inputs are checked in main
// before anything reaches the engine; output travels as bytes.
import { z } from 'zod'
import { call, event } from './spec'
import { containerRef, streamId } from './shared'

export type TerminalKind = 'attach' | 'exec'

export interface TerminalInfo {
  session: string
  kind: TerminalKind
  /** The container's full id: a name can move to another container. */
  containerId: string
  name: string
  /** With a TTY the output is a terminal's raw bytes; without, stdout and stderr as written. */
  tty: boolean
  /** What `docker` command this session stands for, to show beside it. */
  cli: string
}

/**
 * - attached: bytes flow both ways;
 * - detached: the detach keys (Ctrl-P Ctrl-Q) left the process running;
 * - exited: the process ended, with its exit code (null when the engine could not say);
 * - container-stopped: the container stopped under an exec session;
 * - engine-lost: the engine stopped answering;
 * - can-return: the stream can be opened again (the engine or the container came back);
 * - failed: it could not start (no shell, …), with a sentence.
 */
export type TerminalPhase = 'attached' | 'detached' | 'exited' | 'container-stopped' | 'engine-lost' | 'can-return' | 'failed'

export interface TerminalState {
  session: string
  phase: TerminalPhase
  code?: number | null
  /** Why the stream can come back (can-return). */
  reason?: 'engine-restarted' | 'container-started'
  message?: string
}

/** Bytes from the process, in order, as they came (never text: a character can span two pieces). */
export interface TerminalOutput {
  session: string
  data: Uint8Array
}

/** A terminal session's name, chosen by the page that opens it and only meaningful to that page. */
export const terminalSession = streamId('a terminal session name')

/** A terminal's size in character cells, as xterm measures the pane. */
export const terminalSize = z.strictObject({
  cols: z.number().int().min(1).max(1000),
  rows: z.number().int().min(1).max(1000),
})

/** A user as `docker exec -u` takes it: name, uid, name:group or uid:gid. */
const execUser = z.string().max(64).regex(/^[A-Za-z0-9_.-]*(:[A-Za-z0-9_.-]+)?$/, 'is not a user (name, uid, or user:group)')

/** A command as separate words, like the exec API takes it (the page splits what the user typed). */
const execCommand = z.array(z.string().min(1).max(4096)).min(1).max(256)

export const openAttach = z.strictObject({ session: terminalSession, id: containerRef, size: terminalSize })

/** `docker start -a -i`: attach first, then start, so the first byte is not lost. */
export const openStartAttached = openAttach

export const openExec = z.strictObject({
  session: terminalSession,
  id: containerRef,
  size: terminalSize,
  /** Absent: bash when the container has it, else sh. */
  command: execCommand.optional(),
  user: execUser.optional(),
})

/** Keystrokes and pastes: the page cuts a long paste into pieces of at most this. */
export const MAX_INPUT_BYTES = 64 * 1024

export const terminalInput = z.strictObject({
  session: terminalSession,
  data: z.custom<Uint8Array>((d) => d instanceof Uint8Array, 'is not bytes').refine((d) => d.length <= MAX_INPUT_BYTES, `is longer than ${MAX_INPUT_BYTES} bytes`),
})

export const terminalResize = z.strictObject({ session: terminalSession, size: terminalSize })

/**
 * Flow control, in bytes, shared by main and the page. Main stops reading from the engine once more
 * than `highWater` are sent and not yet parsed by the page's xterm, and reads again at `lowWater`;
 * the page acknowledges every `ackEvery` it has parsed (at most highWater − lowWater, so a paused
 * stream always gets the acknowledgement that resumes it). Enough in flight that the page never
 * waits for bytes while the acknowledgements travel (a quarter of this starved it a third of the
 * time under load); what a key typed into a flood waits behind is mostly the engine's own buffer.
 */
export const TERMINAL_FLOW = { highWater: 1024 * 1024, lowWater: 512 * 1024, ackEvery: 128 * 1024 } as const

/** The page has drawn `bytes` bytes of this session's output in all (credit-based back-pressure). */
export const terminalAck = z.strictObject({ session: terminalSession, bytes: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) })

export const terminalClose = z.strictObject({ session: terminalSession })
export const terminal = {
  calls: {
    /** The page names the session, so output can be matched before the answer arrives. */
    attach: call<TerminalInfo>()(openAttach),
    /** `docker start -a -i`: attached (and waiting for the exit code) before the container starts. */
    startAttached: call<TerminalInfo>()(openStartAttached),
    /** `docker exec -it`: bash when present, else sh, or the given command, as the given user. */
    exec: call<TerminalInfo>()(openExec),
    /** Keystrokes and pastes, as bytes. */
    input: call<void>()(terminalInput),
    resize: call<void>()(terminalResize),
    /** The page has drawn this many bytes of output in all: main may read more (back-pressure). */
    ack: call<void>()(terminalAck),
    close: call<void>()(terminalClose),
  },
  events: {
    /** Output bytes, to the page that opened the session only. */
    output: event<TerminalOutput>(),
    state: event<TerminalState>(),
  },
}
