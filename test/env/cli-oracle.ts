// What the docker CLI (test/env/docker-cli.ts) reports, made comparable with what Berth does: for
// `docker run`, the engine's inspect of what it made, in the fields a run sets, with names and ids
// normalised; for `docker build`, each step of the CLI's output and whether it came from the cache.
import type Dockerode from 'dockerode'
import type { Builder } from '@common/contract/build'
import { docker } from './docker-cli'

const sortedKeys = (o: Record<string, unknown> | null | undefined) => (o ? Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]])) : o)

const randomPortsNamed = (bindings: Record<string, Array<{ HostIp?: string; HostPort?: string }> | null> | null) =>
  bindings && Object.fromEntries(Object.entries(bindings).map(([port, list]) => [port, list?.map((b) => (Number(b.HostPort) >= 32768 ? { ...b, HostPort: '<random>' } : b)) ?? list]))

/** The fields of `docker inspect` a run sets; anonymous volume names and container names normalised. */
export function runFields(info: Dockerode.ContainerInspectInfo, rename: Record<string, string> = {}): Record<string, unknown> {
  const c = info.Config as unknown as Record<string, unknown>
  const h = info.HostConfig as unknown as Record<string, unknown>
  const anon = (name: string | undefined) => (name && /^[0-9a-f]{64}$/.test(name) ? '<anonymous>' : name)
  const named = (v: string) => rename[v] ?? v
  return {
    Config: {
      Image: c.Image,
      Cmd: c.Cmd,
      Entrypoint: c.Entrypoint,
      // The 20.10 CLI's Env comes in no fixed order (the same flags twice give two orders), so as a set.
      // Podman adds HOSTNAME=<its id> to every container's Env.
      Env: c.Env ? (c.Env as string[]).map((e) => (/^HOSTNAME=[0-9a-f]{12}$/.test(e) ? 'HOSTNAME=<id>' : e)).sort() : c.Env,
      ExposedPorts: sortedKeys(c.ExposedPorts as Record<string, unknown>),
      Volumes: sortedKeys(c.Volumes as Record<string, unknown>),
      Tty: c.Tty,
      OpenStdin: c.OpenStdin,
      StdinOnce: c.StdinOnce,
      AttachStdin: c.AttachStdin,
      AttachStdout: c.AttachStdout,
      AttachStderr: c.AttachStderr,
      WorkingDir: c.WorkingDir,
      User: c.User,
      Labels: sortedKeys(c.Labels as Record<string, unknown>),
    },
    HostConfig: {
      // The CLI gathers -v in a Go map, so its Binds come in no particular order.
      // Podman lists anonymous volumes there too.
      Binds: h.Binds ? (h.Binds as string[]).map((b) => b.replace(/^[0-9a-f]{64}:/, '<anonymous>:')).sort() : h.Binds,
      // Podman picks the host port of -P and of `-p 53` when it creates the container (Docker when it
      // starts it): one from the ephemeral range, a different one for each container.
      PortBindings: sortedKeys(randomPortsNamed(h.PortBindings as Record<string, Array<{ HostIp?: string; HostPort?: string }> | null> | null)),
      PublishAllPorts: h.PublishAllPorts,
      VolumesFrom: (h.VolumesFrom as string[] | null)?.map((v) => v.replace(/^[^:]+/, named)) ?? null,
      AutoRemove: h.AutoRemove,
      RestartPolicy: h.RestartPolicy,
      NetworkMode: h.NetworkMode,
      Tmpfs: h.Tmpfs,
    },
    Mounts: info.Mounts.map((m) => ({ Type: m.Type, Name: anon(m.Name), Source: m.Type === 'bind' ? m.Source : undefined, Destination: m.Destination, RW: m.RW, Mode: m.Mode }))
      .sort((a, b) => a.Destination.localeCompare(b.Destination)),
  }
}

/** `docker build` with the builder chosen by DOCKER_BUILDKIT, its output as plain text (stdout and stderr). */
export function cliBuild(builder: Builder, args: string[]): Promise<string> {
  const env = { DOCKER_BUILDKIT: builder === 'buildkit' ? '1' : '0' }
  const full = ['build', ...(builder === 'buildkit' ? ['--progress=plain'] : []), ...args]
  return docker(full, { env, timeoutMs: 180_000, output: 'all' })
}

/** Each Dockerfile step of the CLI's output, in order, and whether it came from the cache. */
export function cliSteps(builder: Builder, output: string): { position: string; instruction: string; cached: boolean }[] {
  const lines = output.split('\n')
  if (builder === 'classic') {
    // Docker's classic builder (`Step 2/5 : …`, ` ---> Using cache`), or Podman's Buildah (`STEP 2/5: …`, `--> Using cache <id>`).
    const steps: { position: string; instruction: string; cached: boolean }[] = []
    for (const line of lines) {
      const m = /^Step (\d+\/\d+) : (.*)$/.exec(line) ?? /^STEP (\d+\/\d+): (.*)$/.exec(line)
      if (m) steps.push({ position: m[1]!, instruction: m[2]!, cached: false })
      else if ((line === ' ---> Using cache' || /^--> Using cache [0-9a-f]+$/.test(line)) && steps.length) steps[steps.length - 1]!.cached = true
    }
    return steps
  }
  const byNumber = new Map<string, { position: string; instruction: string; cached: boolean }>()
  for (const line of lines) {
    const named = /^#(\d+) \[(?:(.+) )?(\d+\/\d+)\] (.*)$/.exec(line)
    if (named && named[2] !== 'internal' && !byNumber.has(named[1]!))
      byNumber.set(named[1]!, { position: named[2] ? `${named[2]} ${named[3]}` : named[3]!, instruction: named[4]!, cached: false })
    const cached = /^#(\d+) CACHED$/.exec(line)
    if (cached && byNumber.has(cached[1]!)) byNumber.get(cached[1]!)!.cached = true
  }
  return [...byNumber.values()].sort((a, b) => Number(a.position.split('/')[0]) - Number(b.position.split('/')[0]))
}

/** The fields of `docker network inspect` that `docker network create` sets; ids, names and times left out. */
export async function networkFields(cli: (args: string[]) => Promise<string>, name: string): Promise<Record<string, unknown>> {
  const [info] = JSON.parse(await cli(['network', 'inspect', name])) as Array<Record<string, unknown>>
  const ipam = (info?.IPAM ?? {}) as Record<string, unknown>
  return {
    Driver: info?.Driver,
    Scope: info?.Scope,
    EnableIPv6: info?.EnableIPv6,
    Internal: info?.Internal,
    Attachable: info?.Attachable,
    Ingress: info?.Ingress,
    IPAM: { Driver: ipam.Driver, Options: ipam.Options, Config: ipam.Config },
    Options: info?.Options,
    Labels: info?.Labels,
  }
}
