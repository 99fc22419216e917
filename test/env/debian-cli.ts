// Debian's docker CLI (20.10), called by its path: a newer client earlier on PATH may lack what a
// test compares with (BuildKit without the buildx plugin). It talks to the engine in DOCKER_HOST.
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export function debianDocker(args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 120_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('/usr/bin/docker', args, { env: { ...process.env, ...env }, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`docker ${args.join(' ')} failed: ${stderr || err.message}`))
      else resolve(stdout.trim())
    })
  })
}

/** Builds a Dockerfile (and these files beside it) into `tag` without any network, as `docker build` does. */
export async function buildImage(tag: string, dockerfile: string, files: Record<string, string> = {}, builder: 'classic' | 'buildkit' = 'classic'): Promise<string> {
  const context = mkdtempSync(join(tmpdir(), 'berth-build-'))
  try {
    writeFileSync(join(context, 'Dockerfile'), dockerfile)
    for (const [name, text] of Object.entries(files)) writeFileSync(join(context, name), text)
    const env = { DOCKER_BUILDKIT: builder === 'buildkit' ? '1' : '0' }
    await debianDocker(['build', '--network=none', '--quiet', '-t', tag, context], env, 180_000)
    return debianDocker(['image', 'inspect', '--format', '{{.Id}}', tag])
  } finally {
    rmSync(context, { recursive: true, force: true })
  }
}
