// `POST /containers/{id}/wait`, registered before anything can make the container exit. The engine
// answers the headers as soon as the waiter is in place and the body only at the exit, so this
// resolves at registration and hands the exit code over later. `condition=removed` still answers
// with the code after a --rm container is gone, where an inspect could only say "no such container".
import type Dockerode from 'dockerode'
import type { IncomingMessage } from 'node:http'
import { toEngineError } from '../errors'

export interface ExitWait {
  /** The exit code, or null when the wait was cut (the engine went away, or abort()). */
  result: Promise<number | null>
  abort(): void
}

interface Modem {
  dial(options: object, callback: (err: unknown, res: IncomingMessage) => void): void
}

export function registerWait(docker: Dockerode, id: string, condition: 'next-exit' | 'removed'): Promise<ExitWait> {
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
        const result = new Promise<number | null>((resolve) => {
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
        resolveRegistered({ result, abort: () => controller.abort() })
      },
    )
  })
}
