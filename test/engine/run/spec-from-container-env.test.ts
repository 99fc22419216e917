// Edit's form comes back as the user gave it: what the image sets and what the engine adds by itself
// (Podman's TERM=xterm, container=podman, HOSTNAME, its tmpfs options, ulimits, pid mode and stop
// signal) are left out, and nothing is said to be lost that nobody gave; a value the user chose
// stays. The Podman case end to end is run.spec.ts on Podman; these are the cases told apart by value.
import { strict as assert } from 'node:assert'
import { describe, it } from 'node:test'
import type Dockerode from 'dockerode'
import { podmanAdds, specFromInspect } from '@main/engine/run/spec-from-container'

const PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'

/** An inspect as Podman 4.3 answers for `docker run -e GREETING=hi busybox` (its env and host name only). */
function container(env: string[]): Dockerode.ContainerInspectInfo {
  return { Name: '/web', Config: { Image: 'busybox', Hostname: 'ee730a93df07', Env: env, Labels: {} }, HostConfig: {} } as unknown as Dockerode.ContainerInspectInfo
}
const image = (env: string[]) => ({ Config: { Env: env } }) as unknown as Dockerode.ImageInspectInfo

describe('Edit’s env (specFromInspect)', () => {
  it('leaves out the image’s env and what Podman adds', () => {
    const made = container([PATH, 'TERM=xterm', 'container=podman', 'GREETING=hi', 'HOSTNAME=ee730a93df07'])
    const { spec } = specFromInspect(made, image([PATH]), podmanAdds(made))
    assert.deepEqual(spec.env, ['GREETING=hi'])
  })

  it('keeps a TERM and a HOSTNAME the user chose', () => {
    const made = container([PATH, 'TERM=vt100', 'GREETING=hi', 'HOSTNAME=box'])
    const { spec } = specFromInspect(made, image([PATH]), podmanAdds(made))
    assert.deepEqual(spec.env, ['TERM=vt100', 'GREETING=hi', 'HOSTNAME=box'])
  })

  it('keeps TERM=xterm where the image sets another TERM: only the user overrides the image', () => {
    const made = container([PATH, 'TERM=xterm'])
    const { spec } = specFromInspect(made, image([PATH, 'TERM=linux']), podmanAdds(made))
    assert.deepEqual(spec.env, ['TERM=xterm'])
  })

  it('keeps TERM=xterm on Docker, which adds nothing to a container’s env', () => {
    const { spec } = specFromInspect(container([PATH, 'TERM=xterm']), image([PATH]))
    assert.deepEqual(spec.env, ['TERM=xterm'])
  })
})

describe('Edit’s mounts (specFromInspect)', () => {
  it('leaves what --volumes-from gives with --volumes-from, though Podman lists it among the binds', () => {
    const made = container([PATH])
    made.HostConfig.Binds = ['data:/data:rw,rprivate,nosuid,nodev,rbind', '5eec294d4887:/shared:rw,rprivate,nosuid,nodev,rbind']
    made.HostConfig.VolumesFrom = ['src']
    const { spec } = specFromInspect(made, image([PATH]), podmanAdds(made), new Set(['/shared']))
    assert.deepEqual(spec.mounts, [{ kind: 'volume', source: 'data', target: '/data', readOnly: false }])
    assert.deepEqual(spec.volumesFrom, [{ container: 'src', readOnly: false }])
  })
})

describe('Edit’s working dir (specFromInspect)', () => {
  it('leaves out the / Podman records when neither the user nor the image set one', () => {
    const made = container([PATH])
    made.Config.WorkingDir = '/'
    assert.equal(specFromInspect(made, image([PATH]), podmanAdds(made)).spec.workdir, '')
  })

  it('keeps a working dir the user gave', () => {
    const made = container([PATH])
    made.Config.WorkingDir = '/srv'
    assert.equal(specFromInspect(made, image([PATH]), podmanAdds(made)).spec.workdir, '/srv')
  })
})

describe('Edit on Podman names only settings someone gave (specFromInspect)', () => {
  /** What Podman 4.3 reports for `docker run -d --network none busybox sleep 3600`, in these fields. */
  const plain = () => {
    const made = container([PATH])
    made.HostConfig.Ulimits = [{ Name: 'RLIMIT_NOFILE', Hard: 1024, Soft: 1024 }, { Name: 'RLIMIT_NPROC', Hard: 1024, Soft: 1024 }]
    made.HostConfig.PidMode = 'private'
    ;(made.Config as unknown as Record<string, unknown>).StopSignal = '15'
    return made
  }

  it('says nothing is lost for a plain container', () => {
    const made = plain()
    assert.deepEqual(specFromInspect(made, image([PATH]), podmanAdds(made)).notKept, [])
  })

  it('still names a --pid and a --stop-signal that were given', () => {
    const made = plain()
    made.HostConfig.PidMode = 'host'
    ;(made.Config as unknown as Record<string, unknown>).StopSignal = '10'
    assert.deepEqual(specFromInspect(made, image([PATH]), podmanAdds(made)).notKept, ['--pid', '--stop-signal'])
  })

  it('keeps a tmpfs mount’s given options, not the ones Podman adds to each', () => {
    const made = plain()
    made.HostConfig.Tmpfs = { '/run': 'size=1m,rw,rprivate,nosuid,nodev,tmpcopyup', '/scratch': 'rw,rprivate,nosuid,nodev,tmpcopyup' }
    assert.deepEqual(specFromInspect(made, image([PATH]), podmanAdds(made)).spec.tmpfs, ['/run:size=1m', '/scratch'])
  })
})
