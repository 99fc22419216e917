// "Save as compose": the chosen containers, inspected with their images, as a compose file that
// recreates them with `docker-compose up -d`. Named volumes and user networks are written as external
// under their own names, so the saved app uses the user's data and networks rather than new empty
// ones, and `docker-compose down -v` never removes them.
import type Dockerode from 'dockerode'
import type { ComposeSavePreview, ComposeSaveResult, FlaggedSecret, SecretChoice } from '@common/contract/compose'
import { serviceNames } from '@common/compose/save/service-names'
import { variableName } from '@common/compose/save/secrets'
import { quoted } from '@common/echo'
import { EngineError, toEngineError } from '../../errors'
import { engineKindOf } from '../../engine-product'
import { DOCKER_ADDS, podmanAdds } from '../../run/spec-from-container'
import type { ComposeModel, EngineDefaults, SaveContext, SavedContainer } from './model'
import { serviceFromContainer } from './service'
import { composeYaml, envFileText } from './write'

export const COMPOSE_FILENAME = 'compose.yaml'

async function engineDefaults(docker: Dockerode): Promise<EngineDefaults> {
  const kind = await engineKindOf(docker)
  const info = (await docker.info().catch(() => ({}))) as { LoggingDriver?: string }
  return kind === 'podman'
    ? { kind, logDriver: info.LoggingDriver ?? 'k8s-file', shmSize: 65_536_000, adds: podmanAdds }
    : { kind: 'docker', logDriver: info.LoggingDriver ?? 'json-file', shmSize: 64 * 1024 * 1024, adds: () => DOCKER_ADDS }
}

const inspectContainer = (docker: Dockerode, ref: string) => docker.getContainer(ref).inspect().catch((err: unknown) => Promise.reject(toEngineError(err, { kind: 'container', ref })))

/** The compose model of these containers (each once, in the order given). */
export async function composeModel(docker: Dockerode, refs: string[]): Promise<ComposeModel> {
  const infos: Dockerode.ContainerInspectInfo[] = []
  for (const ref of refs) {
    const info = await inspectContainer(docker, ref)
    if (!infos.some((i) => i.Id === info.Id)) infos.push(info)
  }
  const engine = await engineDefaults(docker)
  // The containers their settings name (--volumes-from, --network container:), saved or not.
  const referenced = new Map<string, { id: string; name: string }>()
  const inherited = new Map<string, Set<string>>()
  for (const info of infos) {
    const targets = new Set<string>()
    const froms = (info.HostConfig.VolumesFrom ?? []).map((v: string) => v.split(':')[0] ?? '')
    const mode = info.HostConfig.NetworkMode ?? ''
    for (const ref of [...froms, ...(mode.startsWith('container:') ? [mode.slice('container:'.length)] : [])]) {
      const other = await docker.getContainer(ref).inspect().catch(() => null)
      if (other) referenced.set(ref, { id: other.Id, name: other.Name.replace(/^\//, '') })
      if (other && froms.includes(ref)) for (const m of other.Mounts ?? []) targets.add(m.Destination)
    }
    inherited.set(info.Id, targets)
  }
  const named = serviceNames(infos.map((i) => i.Name))
  const ctx: SaveContext = {
    engine,
    serviceById: new Map(infos.map((info, i) => [info.Id, named[i]!.service])),
    referenced,
    volumes: new Map(),
    networks: new Map(),
    notes: named.flatMap((n) => (n.renamed ? [`${n.container}: ${n.renamed}`] : [])),
  }
  const model: ComposeModel = { services: [], volumes: ctx.volumes, networks: ctx.networks, secrets: [], notes: ctx.notes }
  const flagged: Omit<FlaggedSecret, 'variable'>[] = []
  for (const [i, info] of infos.entries()) {
    const image = await docker.getImage(info.Image).inspect().catch(() => null)
    if (!image) ctx.notes.push(`${named[i]!.service}: its image is gone, so what the image gave it by itself cannot be told apart and is written too`)
    const saved: SavedContainer = { info, image, inherited: inherited.get(info.Id) ?? new Set() }
    const { service, container } = named[i]!
    const built = serviceFromContainer(saved, service, ctx)
    model.services.push({ name: service, container, body: built.body })
    for (const f of built.flagged) flagged.push({ id: `${service}.${f.key}`, service, container, key: f.key, value: f.value, reason: f.reason })
  }
  // One variable per key, unless two services give the key different values: then each is named by its service too.
  const valuesByKey = new Map<string, Set<string>>()
  for (const f of flagged) valuesByKey.set(f.key, (valuesByKey.get(f.key) ?? new Set()).add(f.value))
  model.secrets = flagged.map((f) => ({ ...f, variable: variableName(f.key, (valuesByKey.get(f.key)?.size ?? 0) > 1 ? f.service : undefined) }))
  return model
}

/** The choices as a map, refusing any that names no flagged value (`all`: every flagged value needs one). */
function checkedChoices(model: ComposeModel, given: { id: string; choice: SecretChoice }[], all: boolean): Map<string, SecretChoice> {
  const flagged = new Set(model.secrets.map((s) => s.id))
  const unknown = given.filter((g) => !flagged.has(g.id)).map((g) => quoted(g.id))
  if (unknown.length) throw new EngineError('invalid-input', `No value flagged as a secret is named ${unknown.join(', ')}: the containers may have changed; look at the preview again.`)
  const choices = new Map(given.map((g) => [g.id, g.choice]))
  const missing = model.secrets.filter((s) => !choices.has(s.id)).map((s) => `${s.key} of ${s.service}`)
  if (all && missing.length) throw new EngineError('invalid-input', `Choose whether to keep or replace by a variable: ${missing.join(', ')}. Nothing was saved.`)
  return choices
}

export async function previewCompose(docker: Dockerode, refs: string[], given: { id: string; choice: SecretChoice }[] = []): Promise<ComposeSavePreview> {
  const model = await composeModel(docker, refs)
  const choices = checkedChoices(model, given, false)
  return {
    yaml: composeYaml(model, choices),
    services: model.services.map((s) => ({ container: s.container, service: s.name })),
    secrets: model.secrets,
    notes: model.notes,
    envFile: envFileText(model, choices),
  }
}

/** The file to save: refused unless every flagged value has a choice. `write` saves it where the host asks (the desktop's dialog). */
export async function composeFile(
  docker: Dockerode,
  refs: string[],
  given: { id: string; choice: SecretChoice }[],
  write?: (filename: string, yaml: string) => Promise<string | null>,
): Promise<ComposeSaveResult> {
  const model = await composeModel(docker, refs)
  const choices = checkedChoices(model, given, true)
  const yaml = composeYaml(model, choices)
  const envFile = envFileText(model, choices)
  if (!write) return { yaml, envFile, filename: COMPOSE_FILENAME, savedTo: null, cancelled: false }
  const savedTo = await write(COMPOSE_FILENAME, yaml)
  return { yaml, envFile, filename: COMPOSE_FILENAME, savedTo, cancelled: savedTo === null }
}
