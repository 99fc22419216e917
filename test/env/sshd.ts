// A private OpenSSH server on 127.0.0.1:<free port> in front of a private engine: its own host key,
// config and authorized_keys in a temp folder, where the test's key carries
// environment="DOCKER_HOST=unix://<engine socket>", so the far side's `docker system dial-stdio`
// reaches that engine, and a HOME of its own, so the far side is a fresh account: the machine's own
// shell startup files (~/.bashrc, which bash reads for every ssh command) never run there, and a
// session killed mid-startup cannot leave their state (a lock, a cache) half-written. The client side is a temp ssh config (key, known_hosts, port) and an `ssh`
// wrapper that adds `-F <that config>`, first in PATH: the docker CLI and Berth both go through it,
// and nothing reads or writes the real ~/.ssh. Stopped by its own pid (and its sessions with it).
import { execFile, spawn, spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { connect } from 'node:net'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import { alive, stopByPid } from './daemon'
import { freePort } from './registry'
import { sleep } from './wait'

export const SSHD = '/usr/sbin/sshd'

export interface PrivateSshd {
  /** ssh://user@127.0.0.1:<port>, as a context or DOCKER_HOST names it. */
  host: string
  port: number
  user: string
  /** The environment Berth's ssh and the CLI run in: the wrapper first in PATH. */
  env: NodeJS.ProcessEnv
  /** The client's known_hosts (empty until trust() or an accepted key). */
  knownHosts: string
  /** Adds the server's key to the client's known_hosts, as a user who connected before would have. */
  trust(): void
  /** A new host key, as a reinstalled machine (or someone in the middle) would present: takes effect at the next start(). */
  newHostKey(): void
  /** Stops sshd and every session it holds (links drop at once). */
  stop(): Promise<void>
  start(): Promise<void>
  destroy(): Promise<void>
}

function keygen(file: string): void {
  const made = spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', file])
  if (made.status !== 0) throw new Error(`ssh-keygen failed: ${made.stderr.toString()}`)
}

/** Whether something accepts connections on the port. */
function listening(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => (socket.destroy(), done(true)))
    socket.once('error', () => done(false))
  })
}

/** Every process below `pid` (sessions, their shells, dial-stdio), deepest last. */
function descendants(pid: number): number[] {
  const found = spawnSync('pgrep', ['-P', String(pid)]).stdout.toString().split('\n').filter(Boolean).map(Number)
  return found.flatMap((child) => [child, ...descendants(child)])
}

/** `engineHost` is the unix:// DOCKER_HOST the far side's docker CLI reaches. */
export async function startSshd(engineHost: string): Promise<PrivateSshd> {
  const dir = mkdtempSync(join(tmpdir(), 'berth-sshd-'))
  const port = await freePort()
  const user = userInfo().username
  keygen(join(dir, 'host_ed25519'))
  keygen(join(dir, 'client_ed25519'))
  const publicKey = readFileSync(join(dir, 'client_ed25519.pub'), 'utf8').trim()
  const home = join(dir, 'home')
  mkdirSync(home)
  writeFileSync(join(dir, 'authorized_keys'), `environment="DOCKER_HOST=${engineHost}",environment="HOME=${home}" ${publicKey}\n`)
  const pidfile = join(dir, 'sshd.pid')
  const config = join(dir, 'sshd_config')
  writeFileSync(
    config,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${join(dir, 'host_ed25519')}`,
      `PidFile ${pidfile}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'UsePAM no',
      'PermitUserEnvironment yes',
      'StrictModes no',
      'PermitRootLogin prohibit-password',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PubkeyAuthentication yes',
      'LogLevel ERROR',
      '',
    ].join('\n'),
  )
  const knownHosts = join(dir, 'known_hosts')
  writeFileSync(knownHosts, '')
  const clientConfig = join(dir, 'ssh_config')
  writeFileSync(
    clientConfig,
    ['Host *', `  IdentityFile ${join(dir, 'client_ed25519')}`, '  IdentitiesOnly yes', '  IdentityAgent none', `  UserKnownHostsFile ${knownHosts}`, '  GlobalKnownHostsFile /dev/null', '  LogLevel ERROR', ''].join('\n'),
  )
  const bin = join(dir, 'bin')
  mkdirSync(bin)
  writeFileSync(join(bin, 'ssh'), `#!/bin/sh\nexec /usr/bin/ssh -F '${clientConfig}' "$@"\n`)
  chmodSync(join(bin, 'ssh'), 0o755)
  // sshd refuses to start without its privilege separation folder (the package's service makes it).
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 })

  let pid = 0
  const start = async () => {
    const log = openSync(join(dir, 'sshd.log'), 'a')
    const child = spawn(SSHD, ['-f', config, '-D', '-e'], { stdio: ['ignore', log, log], detached: true })
    child.unref()
    pid = child.pid ?? 0
    const deadline = Date.now() + 15_000
    while (!(await listening(port))) {
      if (!alive(pid) || Date.now() > deadline) throw new Error(`The private sshd did not start (is openssh-server installed?):\n${readFileSync(join(dir, 'sshd.log'), 'utf8')}`)
      await sleep(50)
    }
  }
  // The sessions go at once, as when the machine at the far end drops off the network.
  const stop = async () => {
    const sessions = descendants(pid)
    for (const session of [pid, ...sessions]) if (session && alive(session)) process.kill(session, 'SIGKILL')
    for (const session of [pid, ...sessions]) await stopByPid(session, 0)
  }
  await start()
  return {
    host: `ssh://${user}@127.0.0.1:${port}`,
    port,
    user,
    env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}` },
    knownHosts,
    trust() {
      const scanned = spawnSync('ssh-keyscan', ['-p', String(port), '-t', 'ed25519', '127.0.0.1']).stdout.toString()
      if (!scanned.trim()) throw new Error('ssh-keyscan found no key on the private sshd.')
      writeFileSync(knownHosts, scanned)
    },
    newHostKey() {
      for (const file of ['host_ed25519', 'host_ed25519.pub']) rmSync(join(dir, file), { force: true })
      keygen(join(dir, 'host_ed25519'))
    },
    stop,
    start,
    async destroy() {
      await stop()
      await rm(dir, { recursive: true, force: true }).catch(() => {})
    },
  }
}

/** `ssh` processes this test process started (Berth's links), by pid. */
export function sshLinksOf(parent = process.pid): number[] {
  return spawnSync('pgrep', ['-P', String(parent), '-x', 'ssh']).stdout.toString().split('\n').filter(Boolean).map(Number)
}

/** Runs a command the way a user's shell would, with the test's ssh first in PATH. */
export function withSsh(env: NodeJS.ProcessEnv, command: string, args: string[]): Promise<string> {
  return new Promise((done, fail) =>
    execFile(command, args, { env, timeout: 60_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => (err ? fail(new Error(`${command} ${args.join(' ')}: ${stderr || err.message}`)) : done(stdout.trim()))),
  )
}

export const sshdInstalled = (): boolean => existsSync(SSHD)
