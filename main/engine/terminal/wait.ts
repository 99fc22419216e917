// `POST /containers/{id}/wait`, registered before anything can make the container exit. The engine
// answers the headers as soon as the waiter is in place and the body only at the exit, so this
// resolves at registration and hands the exit code over later. `condition=removed` still answers
// with the code after a --rm container is gone, where an inspect could only say "no such container".
import type Dockerode from 'dockerode'
import type { IncomingMessage } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import { toEngineError } from '../errors'

/** Hears a container's `die` events, with the exit code the event gives; returns what stops hearing. */
export type DeathWatch = (containerId: string, died: (exitCode: number | undefined) => void) => () => void

/** How long a code the wait gave waits for the `die` event that confirms it. */
const DIE_GRACE_MS = 500

export interface ExitWait {
  /** The exit code, or null when the wait was cut (the engine went away, or abort()). */
  result: Promise<number | null>
  abort(): void
}

interface Modem {
  dial(options: object, callback: (err: unknown, res: IncomingMessage) => void): void
}

/**
 * `deaths`, when given, settles the code: Docker 20.10 reads the code for the wait only once it gets
 * to it, and a `docker restart` may have run the container again by then, which resets the code to 0.
 * The `die` event carries the code of the run that ended.
 */
export function registerWait(docker: Dockerode, id: string, condition: 'next-exit' | 'removed', deaths?: DeathWatch): Promise<ExitWait> {
  const controller = new AbortController()
  const modem = (docker as unknown as { modem: Modem }).modem
  return new Promise((resolveRegistered, rejectRegistered) => {
    modem.dial(
      {
        path: `/containers/${id}/wait?`,
        method: 'POST',
        isStream: true,
        abortSignal: controller.signal,
        statusCodes: { 200: true, 400: 'bad parameter', 404: 'no such container', 500: 'server error' },
        options: { condition },
      },
      (err, res) => {
        if (err) return rejectRegistered(toEngineError(err, { kind: 'container', ref: id }))
        let stopHearing = () => {}
        const heard = new Promise<number>((resolve) => {
          if (deaths) stopHearing = deaths(id, (code) => code !== undefined && resolve(code))
        })
        const waited = new Promise<number | null>((resolve) => {
          let body = ''
          res.setEncoding('utf8')
          res.on('data', (chunk: string) => (body += chunk))
          res.on('end', () => {
            try {
              const code = (JSON.parse(body) as { StatusCode?: unknown }).StatusCode
              resolve(typeof code === 'number' ? code : null)
            } catch {
              resolve(null)
            }
          })
          res.on('error', () => resolve(null))
          res.on('close', () => resolve(null))
        })
        // A wait that was cut gives way only to a death heard already; a code, to one heard soon after.
        const result = waited
          .then((code) => (deaths ? Promise.race([heard, sleep(code === null ? 0 : DIE_GRACE_MS).then(() => code)]) : code))
          .finally(stopHearing)
        resolveRegistered({ result, abort: () => controller.abort() })
      },
    )
  })
}
