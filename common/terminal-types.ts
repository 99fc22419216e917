// Plain data of the terminal domain: a session is an attach to a container's main process
// (`docker attach`, `docker start -a -i`) or a process started in it (`docker exec -it`).

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
