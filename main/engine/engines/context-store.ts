// Adding, removing and selecting docker contexts in the CLI's own format, so the docker CLI sees
// exactly what Berth did: meta.json and TLS files as `docker context create` writes them, config.json
// as `docker context use` writes it. Nothing is written before the engine answered, and every write
// lands whole (a temp folder or file, then a rename) or not at all.
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rename, rm, writeFile, stat, chmod } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type Dockerode from 'dockerode'
import type { EngineReach, UnknownHostKey } from '@common/contract/engines'
import { configDir, parseHost, type EndpointEnv } from '../endpoint'
import { EngineError } from '../errors'
import { contextDirs, DEFAULT_CONTEXT, readContexts, TLS_FILES, type TlsFile } from './contexts'
import { unknownHostKey } from './host-keys'
import { probeEngine } from './probe'

export interface NewContext {
  name: string
  description?: string | undefined
  host: string
  tls?: Partial<Record<TlsFile, string | undefined>> | undefined
}

const TLS_LABEL: Record<TlsFile, string> = { ca: 'CA file', cert: 'certificate file', key: 'key file' }

function exists(where: EndpointEnv, name: string): boolean {
  return name === DEFAULT_CONTEXT || existsSync(join(contextDirs(where, name).meta, 'meta.json'))
}

async function readTlsFiles(tls: NewContext['tls']): Promise<Partial<Record<TlsFile, Buffer>>> {
  const files: Partial<Record<TlsFile, Buffer>> = {}
  for (const file of TLS_FILES) {
    const path = tls?.[file]
    if (!path) continue
    try {
      files[file] = await readFile(path)
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code
      const why = code === 'ENOENT' ? 'it does not exist' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'Berth may not read it' : String((err as Error).message)
      throw new EngineError('invalid-input', `The ${TLS_LABEL[file]} "${path}" cannot be read: ${why}. Nothing was added.`)
    }
  }
  return files
}

/**
 * `docker context create NAME --docker host=…,ca=…,cert=…,key=…`, once the engine answered with
 * exactly these settings. An ssh host whose key the user has not accepted yet comes back unwritten.
 */
export async function addContext(where: EndpointEnv, input: NewContext, budgetMs?: number): Promise<{ added: true; reach: EngineReach } | { added: false; unknownHostKey: UnknownHostKey }> {
  if (exists(where, input.name)) throw new EngineError('conflict', `A docker context named "${input.name}" already exists: pick another name, or remove that one first.`)
  const tls = await readTlsFiles(input.tls)
  if (input.host.startsWith('ssh://')) {
    const unknown = await unknownHostKey(input.host, where.env)
    if (unknown) return { added: false, unknownHostKey: unknown }
  }
  const options: Dockerode.DockerOptions = parseHost(input.host, tls, where.env)
  const reach = await probeEngine(options, budgetMs)
  if (reach.state !== 'reachable') throw new EngineError('engine-unreachable', `Nothing was added: the engine at ${input.host} did not answer. ${reach.message ?? ''}`.trim())
  await writeContext(where, input, tls)
  return { added: true, reach }
}

/** The context's folders, built aside and renamed into place: the meta folder last, as it is what makes the context exist. */
async function writeContext(where: EndpointEnv, input: NewContext, tls: Partial<Record<TlsFile, Buffer>>): Promise<void> {
  const root = configDir(where)
  const dirs = contextDirs(where, input.name)
  const meta = {
    Name: input.name,
    Metadata: input.description ? { Description: input.description } : {},
    Endpoints: { docker: { Host: input.host, SkipTLSVerify: false } },
  }
  await mkdir(root, { recursive: true, mode: 0o700 })
  const temp = await mkdtemp(join(root, '.berth-context-'))
  let tlsPlaced = false
  try {
    await mkdir(join(temp, 'meta'), { mode: 0o755 })
    await writeFile(join(temp, 'meta', 'meta.json'), JSON.stringify(meta), { mode: 0o644 })
    const withTls = TLS_FILES.filter((file) => tls[file])
    if (withTls.length) {
      await mkdir(join(temp, 'tls', 'docker'), { recursive: true, mode: 0o700 })
      for (const file of withTls) await writeFile(join(temp, 'tls', 'docker', `${file}.pem`), tls[file] as Buffer, { mode: 0o600 })
      await mkdir(dirname(dirs.tls), { recursive: true, mode: 0o700 })
      await rename(join(temp, 'tls'), dirs.tls)
      tlsPlaced = true
    }
    await mkdir(dirname(dirs.meta), { recursive: true, mode: 0o755 })
    await rename(join(temp, 'meta'), dirs.meta)
  } catch (err) {
    if (tlsPlaced) await rm(dirs.tls, { recursive: true, force: true })
    throw new EngineError('internal', `The context "${input.name}" could not be written to ${root}: ${(err as Error).message}. Nothing was added.`)
  } finally {
    await rm(temp, { recursive: true, force: true })
  }
}

/** `docker context rm NAME`: refused for the CLI's own default and for the context the CLI uses now. */
export async function removeContext(where: EndpointEnv, name: string): Promise<void> {
  if (name === DEFAULT_CONTEXT) throw new EngineError('invalid-input', 'The "default" context is the docker CLI\'s own: it cannot be removed.')
  if (!exists(where, name)) throw new EngineError('not-found', `There is no docker context named "${name}".`)
  if (readContexts(where).current === name) {
    throw new EngineError('in-use', `The docker CLI uses "${name}" now: make another engine the CLI's default first, then remove it.`)
  }
  const dirs = contextDirs(where, name)
  // Out of sight first (one rename), then deleted: the CLI never sees half a context.
  const gone = `${dirs.meta}.removing`
  await rename(dirs.meta, gone)
  await rm(gone, { recursive: true, force: true })
  await rm(dirs.tls, { recursive: true, force: true })
}

/** `docker context use NAME`: config.json's currentContext, every other key left as it was. */
export async function makeCliDefault(where: EndpointEnv, name: string): Promise<void> {
  if (!exists(where, name)) throw new EngineError('not-found', `There is no docker context named "${name}".`)
  const file = join(configDir(where), 'config.json')
  let config: Record<string, unknown> = { auths: {} }
  let mode = 0o600
  if (existsSync(file)) {
    const text = await readFile(file, 'utf8')
    try {
      const parsed: unknown = text.trim() ? JSON.parse(text) : {}
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object')
      config = parsed as Record<string, unknown>
    } catch {
      throw new EngineError('invalid-input', `${file} is not valid JSON: fix it (or move it away) before changing the CLI's default engine.`)
    }
    mode = (await stat(file)).mode & 0o777
  }
  // As the CLI writes it: no currentContext for the default, tab-indented JSON, no final newline.
  if (name === DEFAULT_CONTEXT) delete config.currentContext
  else config.currentContext = name
  const text = JSON.stringify(config, null, '\t')
  await mkdir(dirname(file), { recursive: true, mode: 0o700 })
  const temp = `${file}.berth-${process.pid}`
  try {
    await writeFile(temp, text, { mode })
    await chmod(temp, mode)
    await rename(temp, file)
  } catch (err) {
    await rm(temp, { force: true })
    throw new EngineError('internal', `${file} could not be written: ${(err as Error).message}.`)
  }
}
