// Inputs of the terminal domain, checked in main before anything reaches the engine.
import { z } from 'zod'
import { containerRef } from './file-schemas'

/** A terminal session's name, chosen by the page that opens it and only meaningful to that page. */
export const terminalSession = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'is not a terminal session name')

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

/** The page has drawn `bytes` bytes of this session's output in all (credit-based back-pressure). */
export const terminalAck = z.strictObject({ session: terminalSession, bytes: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) })

export const terminalClose = z.strictObject({ session: terminalSession })
