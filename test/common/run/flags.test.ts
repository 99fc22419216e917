// The flag table read both ways without an engine: a pasted line's flags land in the spec as typed,
// the displayed line gives them back, sizes and durations read as the CLI reads them, and a value the
// engine would refuse is refused by the schema in a sentence naming the flag.
import { strict as assert } from 'node:assert'
import { describe, it } from 'node:test'
import { parseRunLine, runWords } from '@common/run/cli'
import { runSpecSchema } from '@common/run/spec'
import { parseMountFlag } from '@common/run/mount-flag'
import { durationNanos, durationWord, sizeBytes, sizeWord } from '@common/run/units'
import { isolationNotes, dangerousBinds } from '@common/run/danger'

describe('run flags', () => {
  it('reads every family as typed, and the displayed line gives the same spec back', () => {
    const line = `docker run -d --name app --hostname web -h web2 --dns 1.1.1.1 --add-host db:10.0.0.5 --expose 80 -m 512m --cpus=1.5 -c 256 --ulimit nofile=1024:2048 --shm-size 1g
      --read-only --cap-add NET_ADMIN --cap-drop ALL --security-opt no-new-privileges --device /dev/fuse --pid host --init --stop-signal SIGINT --stop-timeout 5
      --health-cmd 'curl -f http://localhost/ || exit 1' --health-interval 1m30s --log-driver local --log-opt max-size=10m --env-file /srv/app.env --label-file /srv/labels
      --platform linux/arm64 --pull always --mount type=tmpfs,target=/cache,tmpfs-size=64m nginx:1.27`.replace(/\n\s+/g, ' ')
    const parsed = parseRunLine(line)
    assert.deepEqual([parsed.problems, parsed.unsupported], [[], []])
    const s = parsed.spec
    assert.deepEqual([s.hostname, s.memory, s.cpus, s.cpuShares, s.shmSize, s.pid, s.init, s.healthInterval, s.envFiles, s.mount], ['web2', '512m', '1.5', '256', '1g', 'host', true, '1m30s', ['/srv/app.env'], ['type=tmpfs,target=/cache,tmpfs-size=64m']])
    assert.ok(runSpecSchema.safeParse(s).success)
    const again = parseRunLine(runWords(s).map((w) => `'${w.replaceAll("'", "'\\''")}'`).join(' '))
    assert.deepEqual(again.spec, s)
  })

  it('refuses what the engine would, naming the flag', () => {
    const bad = (line: string) => {
      const r = runSpecSchema.safeParse(parseRunLine(`docker run ${line} nginx`).spec)
      return r.success ? [] : r.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`)
    }
    assert.deepEqual(bad("--memory '512 MB'"), [])
    assert.match(bad('--memory lots')[0] ?? '', /^memory: "lots" is not a size/)
    assert.match(bad('--health-interval 30')[0] ?? '', /^healthInterval: "30" is not a duration/)
    assert.match(bad('--ulimit nofile=2048:1024')[0] ?? '', /soft limit is above the hard one/)
    assert.match(bad('--pid shared')[0] ?? '', /^pid: "shared" is not host, container:NAME/)
    assert.match(bad('--network-alias db')[0] ?? '', /needs a network of your own/)
    assert.match(bad('--no-healthcheck --health-retries 2')[0] ?? '', /cannot go with --health-\* settings/)
    assert.match(bad('--mount type=bind,source=./src,target=/app')[0] ?? '', /absolute source/)
    assert.match(bad('--env-file .env')[0] ?? '', /absolute path to the env file/)
    assert.match(bad('--security-opt seccomp=/etc/profile.json')[0] ?? '', /seccomp profile file is not read/)
  })

  it('reads sizes, durations and --mount as the CLI does', () => {
    assert.deepEqual(['512m', '1g', '1.5GiB', '64', '2k', 'x'].map(sizeBytes), [536870912, 1073741824, 1610612736, 64, 2048, null])
    assert.deepEqual([536870912, 1024, 1000].map(sizeWord), ['512m', '1k', '1000'])
    assert.deepEqual(['30s', '1m30s', '500ms', '1h', '0', '30'].map(durationNanos), [30e9, 90e9, 5e8, 3600e9, 0, null])
    assert.deepEqual([90e9, 5e8, 3600e9].map(durationWord), ['1m30s', '500ms', '1h'])
    // (JSON: the engine's maps are null-prototype records.)
    assert.deepEqual(JSON.parse(JSON.stringify(parseMountFlag('type=volume,src=data,dst=/data,volume-nocopy,volume-opt=o=bind'))), {
      mount: { Type: 'volume', Source: 'data', Target: '/data', VolumeOptions: { NoCopy: true, Labels: {}, DriverConfig: { Options: { o: 'bind' } } } },
    })
    assert.deepEqual(parseMountFlag('"type=bind","source=/a,b",target=/x'), { mount: { Type: 'bind', Source: '/a,b', Target: '/x' } })
    assert.match((parseMountFlag('type=tmpfs,target=/t,volume-nocopy') as { error: string }).error, /volume-\* options do not go with type=tmpfs/)
  })

  it('says each isolation-weakening flag in a sentence, and asks for a --mount bind of the socket too', () => {
    const spec = parseRunLine('docker run --privileged --pid host --network host --cap-add SYS_ADMIN --security-opt seccomp=unconfined --mount type=bind,source=/var/run/docker.sock,target=/s nginx').spec
    const notes = isolationNotes(spec)
    assert.equal(notes.length, 5)
    assert.match(notes.join('\n'), /--privileged gives[^\n]*\n--pid host shows[^\n]*\n--network host puts[^\n]*\n--cap-add SYS_ADMIN gives the container the SYS_ADMIN capability[^\n]*\n--security-opt seccomp=unconfined lifts the system call filter/)
    assert.match(dangerousBinds(spec)[0] ?? '', /the engine's socket/)
  })
})
