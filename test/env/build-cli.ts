// The CLI oracle for builds: Debian's docker 20.10 by its path (a newer client first on PATH needs
// the buildx plugin for BuildKit), with the builder chosen by DOCKER_BUILDKIT, output as plain text.
import { execFile } from 'node:child_process'
import type { Builder } from '@common/contract/build'

export const DEBIAN_DOCKER = '/usr/bin/docker'

export function cliBuild(builder: Builder, args: string[]): Promise<string> {
  const env = { ...process.env, DOCKER_BUILDKIT: builder === 'buildkit' ? '1' : '0' }
  const full = ['build', ...(builder === 'buildkit' ? ['--progress=plain'] : []), ...args]
  return new Promise((resolve, reject) =>
    execFile(DEBIAN_DOCKER, full, { env, timeout: 180_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`docker ${full.join(' ')} failed: ${stderr || err.message}`))
      else resolve(`${stdout}${stderr}`)
    }),
  )
}

/** Each Dockerfile step of the CLI's output, in order, and whether it came from the cache. */
export function cliSteps(builder: Builder, output: string): { position: string; instruction: string; cached: boolean }[] {
  const lines = output.split('\n')
  if (builder === 'classic') {
    const steps: { position: string; instruction: string; cached: boolean }[] = []
    for (const line of lines) {
      const m = /^Step (\d+\/\d+) : (.*)$/.exec(line)
      if (m) steps.push({ position: m[1]!, instruction: m[2]!, cached: false })
      else if (line === ' ---> Using cache' && steps.length) steps[steps.length - 1]!.cached = true
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
