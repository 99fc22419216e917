// Debian's docker 20.10 CLI as the oracle for `docker run`: the engine's inspect of what it made, in
// the fields a run sets, with names and ids normalised so two containers can be compared.
import { execFile } from 'node:child_process'
import type Dockerode from 'dockerode'

export const ORACLE_CLI = '/usr/bin/docker'

/** Runs the 20.10 CLI against DOCKER_HOST (or `host`), with an environment that has only what it needs. */
export function oracle(args: string[], host = process.env.DOCKER_HOST): Promise<string> {
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', DOCKER_HOST: host ?? '', DOCKER_CONFIG: process.env.DOCKER_CONFIG ?? '' }
  return new Promise((resolve, reject) => {
    execFile(ORACLE_CLI, args, { env, timeout: 60_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`docker ${args.join(' ')} failed: ${stderr || err.message}`))
      else resolve(stdout.trim())
    })
  })
}

const sortedKeys = (o: Record<string, unknown> | null | undefined) => (o ? Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]])) : o)

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
      PortBindings: sortedKeys(h.PortBindings as Record<string, unknown>),
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
