// Whether an engine answers, and as what: its ping (and its version only where the ping names no
// engine), with a short budget, its failure as a sentence (a refused certificate, a closed port, a
// socket nobody listens on).
import Dockerode from 'dockerode'
import type { EngineReach } from '@common/contract/engines'
import { engineIdentity } from '../engine-product'
import { unreachableReason } from '../errors'

/** Long enough for a remote engine over TLS, short enough that a list of them does not keep the page waiting. */
export const PROBE_BUDGET_MS = 3000

export async function probeEngine(options: Dockerode.DockerOptions, budgetMs = PROBE_BUDGET_MS): Promise<EngineReach> {
  const docker = new Dockerode({ ...options, timeout: budgetMs })
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(Object.assign(new Error('late'), { code: 'BERTH_LATE' })), budgetMs)
  })
  try {
    const identity = await Promise.race([engineIdentity(docker), late])
    return { state: 'reachable', product: identity.product }
  } catch (err) {
    return { state: 'unreachable', message: reachFailure(err, budgetMs) }
  } finally {
    clearTimeout(timer)
  }
}

const CERTIFICATE_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_SSL|EPROTO|ERR_TLS/

function reachFailure(err: unknown, budgetMs: number): string {
  const e = (err ?? {}) as { code?: string; message?: string; statusCode?: number }
  const code = e.code ?? ''
  if (code === 'BERTH_LATE' || code === 'ETIMEDOUT' || /timeout/i.test(e.message ?? '')) return `It did not answer within ${budgetMs / 1000} s.`
  if (CERTIFICATE_CODES.test(code) || /certificate|ssl|tls/i.test(e.message ?? '')) return `The TLS handshake failed: ${e.message ?? code}. Check the CA, certificate and key files.`
  if (code === 'ENOTFOUND') return 'Its host name does not resolve.'
  if (code === 'EHOSTUNREACH') return 'Its host cannot be reached from this machine.'
  if (e.statusCode === 400 && /http request to an https server|client sent an http request/i.test(e.message ?? '')) return 'It speaks TLS: give its CA, certificate and key files.'
  return unreachableReason(err)
}
