// ssh://[user@]host[:port] the way the docker CLI reaches it: through the user's own `ssh` (their
// config, keys, agent and known_hosts), one `ssh … docker system dial-stdio` per HTTP connection,
// its stdin and stdout standing in for a socket. Host keys are checked strictly: an unknown host is
// refused with a sentence, and the user accepts its key explicitly (host-keys.ts).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { Agent } from 'node:http'
import type { Socket } from 'node:net'
import { Duplex } from 'node:stream'

export interface SshTarget {
  /** As the user wrote it: the host of ssh://user@host:port. */
  host: string
  user?: string
  /** Only when the address names one: otherwise the user's ssh config decides. */
  port?: number
}

/** Idle links are closed after this long; a busy one stays as long as its stream does. */
const IDLE_LINK_MS = 30_000
/** Enough of ssh's complaint to explain it, not a flood. */
const STDERR_LIMIT = 4096

export function sshTarget(url: URL): SshTarget {
  return {
    host: url.hostname,
    ...(url.username ? { user: decodeURIComponent(url.username) } : {}),
    ...(url.port ? { port: Number(url.port) } : {}),
  }
}

/** The command line, as the docker CLI's connection helper builds it, plus the checks Berth insists on. */
export function sshArgs(target: SshTarget, command: string[] = ['docker', 'system', 'dial-stdio']): string[] {
  return [
    '-o', 'BatchMode=yes',
    '-o', 'StrictHostKeyChecking=yes',
    ...(target.user ? ['-l', target.user] : []),
    ...(target.port ? ['-p', String(target.port)] : []),
    '--', target.host, ...command,
  ]
}

export function sshAddress(target: SshTarget): string {
  return `${target.user ? `${target.user}@` : ''}${target.host}${target.port ? `:${target.port}` : ''}`
}

/** The ssh command a user would type to log in there. */
export function sshCommand(target: SshTarget): string {
  return `ssh ${target.port ? `-p ${target.port} ` : ''}${target.user ? `${target.user}@` : ''}${target.host}`
}

export type SshFailure = 'host-key-unknown' | 'host-key-changed' | 'auth' | 'refused' | 'resolve' | 'remote' | 'dropped' | 'no-ssh'

/** Why an ssh link failed, as a sentence; `code` is ESSH so the engine layer knows it for a transport failure. */
export class SshLinkError extends Error {
  readonly code = 'ESSH'
  constructor(
    readonly failure: SshFailure,
    message: string,
  ) {
    super(message)
    this.name = 'SshLinkError'
  }
}

/** ssh's stderr (and how it ended), as the reason a user can act on. */
export function sshFailure(target: SshTarget, stderr: string, exit: number | null, signal: string | null): SshLinkError {
  const where = sshAddress(target)
  const said = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('@') && !/^Warning: Permanently added/.test(line))
  const last = said[said.length - 1] ?? ''
  if (/REMOTE HOST IDENTIFICATION HAS CHANGED|Host key for .* has changed/i.test(stderr)) {
    return new SshLinkError('host-key-changed', `The ssh host key of ${where} has changed since your known_hosts file recorded it: someone may be in the middle, or the machine was reinstalled. Check it, then fix known_hosts with "ssh-keygen -R".`)
  }
  if (/No .* host key is known for|Host key verification failed/i.test(stderr)) {
    return new SshLinkError('host-key-unknown', `The ssh host key of ${where} is not in your known_hosts file: check its fingerprint and accept it, or connect once with "${sshCommand(target)}".`)
  }
  if (/Permission denied/i.test(stderr)) {
    return new SshLinkError('auth', `ssh was refused by ${where}: ${last}. Berth uses your ssh keys and agent without asking for a password; check that "${sshCommand(target)}" logs in with a key.`)
  }
  if (/Connection refused/i.test(stderr)) {
    return new SshLinkError('refused', `Nothing accepts ssh connections at ${where} (connection refused): is its ssh server running, on that port?`)
  }
  if (/Could not resolve hostname|Name or service not known/i.test(stderr)) {
    return new SshLinkError('resolve', `The host of ${where} cannot be found (${last}).`)
  }
  if (/Connection (timed out|closed)|No route to host|Network is unreachable|Connection reset/i.test(stderr) || exit === 255) {
    return new SshLinkError('dropped', `The ssh link to ${where} failed: ${last || 'it closed'}. Berth reconnects when it answers again.`)
  }
  if (exit === null) {
    return new SshLinkError('dropped', `The ssh link to ${where} closed (${signal ?? 'ended'}): the engine or the link went away. Berth reconnects when it answers again.`)
  }
  return new SshLinkError('remote', `ssh reached ${where}, but "docker system dial-stdio" failed there${last ? `: ${last}` : ` (exit ${exit})`}. Is the docker CLI installed there and can that user reach the engine?`)
}

/** One `ssh … docker system dial-stdio`: its stdout is what the engine sends, its stdin what it reads. */
export class SshLink extends Duplex {
  private readonly child: ChildProcessWithoutNullStreams
  private stderr = ''
  private idleMs = 0
  private idleTimer: NodeJS.Timeout | null = null

  constructor(
    readonly target: SshTarget,
    env: NodeJS.ProcessEnv = process.env,
  ) {
    // Like a TCP socket without half-open: once the engine's side has ended, ours ends too, and the
    // link is destroyed, so a kept-alive pool never hands out a link whose ssh has exited.
    super({ allowHalfOpen: false })
    this.child = spawn('ssh', sshArgs(target), { env, stdio: ['pipe', 'pipe', 'pipe'] })
    const { stdout, stderr, stdin } = this.child
    stdout.on('data', (chunk: Buffer) => {
      this.touch()
      if (!this.push(chunk)) stdout.pause()
    })
    stderr.on('data', (chunk: Buffer) => {
      if (this.stderr.length < STDERR_LIMIT) this.stderr += chunk.toString('utf8').slice(0, STDERR_LIMIT - this.stderr.length)
    })
    // A write after ssh went away: its exit says why.
    stdin.on('error', () => {})
    this.child.on('error', (err: NodeJS.ErrnoException) => {
      this.destroy(err.code === 'ENOENT' ? new SshLinkError('no-ssh', 'Berth reaches ssh:// engines through your "ssh" program, and none is on the PATH: install OpenSSH\'s client.') : err)
    })
    // Only once ssh has exited is its complaint whole: end the stream then, or fail it with the reason.
    this.child.on('close', (exit, signal) => {
      this.clearIdle()
      if (this.destroyed) return
      if (exit === 0) this.push(null)
      else this.destroy(sshFailure(target, this.stderr, exit, signal))
    })
  }

  get pid(): number | undefined {
    return this.child.pid
  }

  override _read(): void {
    this.child.stdout.resume()
  }

  override _write(chunk: Buffer, encoding: BufferEncoding, done: (err?: Error | null) => void): void {
    this.touch()
    // ssh gone (killed, its link dropped) fails the write; its exit, just after, says why: the link
    // is destroyed with that reason then, so nobody reads a bare "write after destroyed".
    if (this.child.stdin.destroyed || !this.child.stdin.writable) return done()
    this.child.stdin.write(chunk, encoding, () => done())
  }

  override _final(done: (err?: Error | null) => void): void {
    const { stdin } = this.child
    if (stdin.destroyed || stdin.writableEnded) return done()
    stdin.end(() => done())
  }

  override _destroy(err: Error | null, done: (err: Error | null) => void): void {
    this.clearIdle()
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM')
    done(err)
  }

  // What Node's HTTP client and agent ask of a socket.
  setKeepAlive(): this {
    return this
  }

  setNoDelay(): this {
    return this
  }

  setTimeout(ms: number, onTimeout?: () => void): this {
    this.idleMs = ms
    // As net.Socket does: 0 turns the timer off and takes the listener back.
    if (onTimeout) {
      if (ms === 0) this.removeListener('timeout', onTimeout)
      else this.once('timeout', onTimeout)
    }
    this.touch()
    return this
  }

  ref(): this {
    this.child.ref()
    for (const pipe of [this.child.stdin, this.child.stdout, this.child.stderr]) (pipe as unknown as Socket).ref()
    return this
  }

  unref(): this {
    this.child.unref()
    for (const pipe of [this.child.stdin, this.child.stdout, this.child.stderr]) (pipe as unknown as Socket).unref()
    return this
  }

  private touch(): void {
    this.clearIdle()
    if (this.idleMs > 0 && !this.destroyed) {
      this.idleTimer = setTimeout(() => this.emit('timeout'), this.idleMs)
      this.idleTimer.unref()
    }
  }

  private clearIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = null
  }
}

/**
 * An HTTP agent whose connections are ssh links. Kept alive between requests, as the docker CLI
 * keeps its connections: an ssh handshake per request would make every list wait for one.
 */
export function sshAgent(target: SshTarget, env?: NodeJS.ProcessEnv): Agent & { dial(): Duplex } {
  const agent = new Agent({ keepAlive: true, timeout: IDLE_LINK_MS })
  agent.createConnection = () => new SshLink(target, env) as unknown as Socket
  // A link of its own, for what reads the engine's answer directly (log bodies): an idle kept-alive
  // one when there is one (no ssh handshake to wait for), taken out of the agent's pool the way
  // Node's HTTP client takes an upgraded socket out of it.
  const dial = (): Duplex => {
    for (const pool of Object.values(agent.freeSockets)) {
      const link = pool?.find((socket) => !socket.destroyed)
      if (!link) continue
      pool?.splice(pool.indexOf(link), 1)
      link.emit('agentRemove')
      link.setTimeout(0)
      link.ref()
      return link as unknown as Duplex
    }
    return new SshLink(target, env)
  }
  return Object.assign(agent, { dial })
}
