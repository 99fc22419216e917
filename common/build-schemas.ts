// Input schemas of the builds domain. Main explains a bad tag or name in words; these only bound
// sizes and shapes so nothing huge or odd reaches it.
import { z } from 'zod'

/** An ARG name: the CLI takes any word; Berth keeps to what a Dockerfile can refer to. */
export const BUILD_ARG_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/
/** A stage name as `FROM … AS name` allows. */
export const TARGET_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,127}$/

/** A build, named by the page that starts it. */
export const buildOperation = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'is not an operation id')

/** A path on the machine Berth runs on. */
export const hostPath = z.string().min(1).max(4096)

const dockerfilePath = z.string().max(1024)

export const buildRequest = z.strictObject({
  folder: hostPath,
  dockerfile: dockerfilePath.optional(),
  tags: z.array(z.string().min(1).max(512)).max(20),
  buildArgs: z.array(z.strictObject({ name: z.string().min(1).max(128), value: z.string().max(65_536) })).max(100),
  target: z.string().max(128).optional(),
  noCache: z.boolean().optional(),
  pull: z.boolean().optional(),
  builder: z.enum(['buildkit', 'classic']),
  network: z.enum(['none', 'host']).optional(),
})

export const buildStart = z.strictObject({ operation: buildOperation, request: buildRequest })
export const contextQuery = z.strictObject({ folder: hostPath, dockerfile: dockerfilePath.optional() })
export const pathQuery = z.strictObject({ path: z.string().max(4096) })
