// The credential-helper protocol, exactly as the docker CLI speaks it: `docker-credential-<name>
// get|store|erase|list`, input on stdin, JSON on stdout. The secret goes over the pipe only; it is
// never part of an argument, an error or a log line.
import { spawn } from 'node:child_process'
import { EngineError } from '../errors'

export interface HelperCredential {
  ServerURL: string
  Username: string
  Secret: string
}

const TIMEOUT_MS = 30_000
/** What helpers print when they hold nothing for that server (docker-credential-helpers' ErrCredentialsNotFound). */
const NOT_FOUND = /credentials not found/i

export const helperProgram = (name: string): string => `docker-credential-${name}`

function runHelper(name: string, action: 'get' | 'store' | 'erase' | 'list', input: string, env: NodeJS.ProcessEnv): Promise<string> {
  const program = helperProgram(name)
  return new Promise((resolve, reject) => {
    const child = spawn(program, [action], { env, stdio: ['pipe', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS)
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.stdin.on('error', () => {}) // a helper that exits early closes its stdin: the exit code tells
    child.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer)
      reject(
        err.code === 'ENOENT'
          ? new EngineError('not-found', `The docker config names the credential helper "${name}", but ${program} is not on the PATH. Install it, or remove it from config.json.`)
          : new EngineError('internal', `The credential helper ${program} could not be started (${err.code ?? 'error'}).`),
      )
    })
    child.on('close', (code) => {
      clearTimeout(timer)
      if (code === 0) return resolve(stdout)
      // Helpers print the reason on stdout; keep only a short first line, which never echoes the secret.
      const reason = (stdout.trim() || stderr.trim()).split('\n')[0]?.slice(0, 200) ?? ''
      if (NOT_FOUND.test(reason)) return reject(new EngineError('not-found', 'credentials not found'))
      reject(new EngineError('internal', `The credential helper ${program} ${action} failed${reason ? `: ${reason}` : ` (exit ${code})`}.`))
    })
    child.stdin.end(input)
  })
}

export async function helperGet(name: string, serverUrl: string, env: NodeJS.ProcessEnv): Promise<HelperCredential | null> {
  try {
    const parsed = JSON.parse(await runHelper(name, 'get', serverUrl, env)) as Partial<HelperCredential>
    if (typeof parsed.Secret !== 'string' || !parsed.Secret) return null
    return { ServerURL: parsed.ServerURL ?? serverUrl, Username: parsed.Username ?? '', Secret: parsed.Secret }
  } catch (err) {
    if (err instanceof EngineError && err.code === 'not-found' && err.message === 'credentials not found') return null
    if (err instanceof SyntaxError) throw new EngineError('internal', `The credential helper ${helperProgram(name)} answered something that is not JSON.`)
    throw err
  }
}

export async function helperStore(name: string, credential: HelperCredential, env: NodeJS.ProcessEnv): Promise<void> {
  await runHelper(name, 'store', JSON.stringify(credential), env)
}

export async function helperErase(name: string, serverUrl: string, env: NodeJS.ProcessEnv): Promise<void> {
  try {
    await runHelper(name, 'erase', serverUrl, env)
  } catch (err) {
    if (!(err instanceof EngineError && err.message === 'credentials not found')) throw err
  }
}

/** Server URL → username, for every credential the helper holds. */
export async function helperList(name: string, env: NodeJS.ProcessEnv): Promise<Record<string, string>> {
  try {
    const parsed: unknown = JSON.parse(await runHelper(name, 'list', '', env))
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {}
  } catch (err) {
    if (err instanceof SyntaxError) return {}
    throw err
  }
}
