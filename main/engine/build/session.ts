// A BuildKit session: the engine's BuildKit builder (20.10) takes a build only with one open.
// dockerode brings the gRPC server for it (the same one its buildImage uses for version '2'); it
// serves registry credentials only, which Berth's builds of local images do not need.
import type Dockerode from 'dockerode'
type WithSession = (docker: Dockerode, auth: unknown, handler: (err: Error | null, sessionId: string | null, done: () => void) => void) => void

/** Loaded at the first build, not as main loads: gRPC and its protobufs take a while, and most launches build nothing. */
const withSession: WithSession = (...args) => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const open = require('dockerode/lib/session') as WithSession
  open(...args)
}

export interface BuildSession {
  id: string
  close(): void
}

export function openSession(docker: Dockerode): Promise<BuildSession> {
  return new Promise((resolve, reject) => {
    withSession(docker, undefined, (err, id, done) => {
      if (err || !id) return reject(err ?? new Error('The engine opened no build session.'))
      let closed = false
      resolve({
        id,
        close: () => {
          if (closed) return
          closed = true
          done()
        },
      })
    })
  })
}
