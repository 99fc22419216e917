// TEMPORARY stand-in for the engines domain, so the router starts and the renderer can be built
// against the contract: it lists the contexts the CLI's config dir holds and the engine in use, and
// refuses every change. The main side's engines handlers replace this file.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import type { Engine } from '../engine'
import { EngineError } from '../engine/errors'
import type { EngineEntry, EngineList } from '@common/contract/engines'
import type { Handlers } from './router'

const notYet = (what: string) => new EngineError('internal', `This build of Berth cannot ${what} yet.`)

function readJson(file: string): Record<string, unknown> | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
  } catch {
    return null
  }
}

function list(engine: Engine): EngineList {
  const configDir = process.env.DOCKER_CONFIG || join(homedir(), '.docker')
  const current = (readJson(join(configDir, 'config.json'))?.currentContext as string | undefined) ?? 'default'
  const status = engine.connection.status
  const inUseName = status.context ?? 'default'
  const reach = (inUse: boolean): EngineEntry['reach'] =>
    !inUse
      ? { state: 'checking' }
      : status.state === 'connected'
        ? { state: 'reachable', ...(status.product ? { product: status.product } : {}) }
        : { state: status.state === 'unreachable' ? 'unreachable' : 'checking', ...(status.message ? { message: status.message } : {}) }
  const entry = (name: string, host: string, description: string): EngineEntry => ({
    id: `context:${name}`,
    name,
    kind: 'context',
    host,
    description,
    cliDefault: name === current,
    inUse: name === inUseName,
    tls: [],
    reach: reach(name === inUseName),
  })
  const engines = [entry('default', status.source === 'DOCKER_HOST' || status.source === 'default' ? status.host : 'unix:///var/run/docker.sock', 'Current DOCKER_HOST based configuration')]
  const metaDir = join(configDir, 'contexts', 'meta')
  for (const id of existsSync(metaDir) ? readdirSync(metaDir) : []) {
    const meta = readJson(join(metaDir, id, 'meta.json')) as { Name?: string; Metadata?: { Description?: string }; Endpoints?: { docker?: { Host?: string } } } | null
    if (meta?.Name) engines.push(entry(meta.Name, meta.Endpoints?.docker?.Host ?? '', meta.Metadata?.Description ?? ''))
  }
  const inUse = engines.find((e) => e.inUse)
  return { engines, configDir, cliFlags: !inUse || inUse.cliDefault ? [] : ['--context', inUse.name] }
}

export function createEnginesHandlers(engine: Engine): Handlers['engines'] {
  return {
    list: async () => list(engine),
    use: async ({ id }) => {
      if (list(engine).engines.find((e) => e.id === id)?.inUse) return list(engine)
      throw notYet('switch engines')
    },
    makeCliDefault: async () => {
      throw notYet('change the CLI’s default')
    },
    add: async () => {
      throw notYet('add an engine')
    },
    remove: async () => {
      throw notYet('remove an engine')
    },
    acceptHostKey: async () => {
      throw notYet('trust a host key')
    },
    pickFile: async () => null,
  }
}
