// How a remote engine's link fails, in sentences: TLS (a certificate the CA did not sign, a client
// certificate refused, an address the certificate is not for, plain HTTP to a TLS port) and ssh
// (ssh-dialer.ts words those itself). For the engine banner and for the add-engine form alike.

interface TransportFailure {
  code?: string
  message?: string
  reason?: string
  caFile?: string
  host?: string
  address?: string
  port?: number
  statusCode?: number
  json?: { message?: string } | null
}

const UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_SIGNATURE_FAILURE',
])

const CLIENT_REFUSED = /ALERT_(BAD_CERTIFICATE|UNKNOWN_CA|CERTIFICATE_REQUIRED|CERTIFICATE_UNKNOWN|HANDSHAKE_FAILURE|UNSUPPORTED_CERTIFICATE|DECRYPT_ERROR)/

/** A sentence for a TLS or ssh failure, or undefined when it is neither. */
export function transportReason(err: unknown): string | undefined {
  const e = (err ?? {}) as TransportFailure
  const code = e.code ?? ''
  if (code === 'ESSH') return e.message
  if (UNTRUSTED.has(code)) {
    return e.caFile
      ? `The engine's certificate is not signed by the CA in ${e.caFile}: give Berth the CA that signed the engine's certificate.`
      : "The engine's certificate is not signed by a CA this machine trusts: give Berth the engine's CA (ca.pem)."
  }
  if (code === 'CERT_HAS_EXPIRED') return "The engine's certificate has expired: the engine needs a new one."
  if (code === 'CERT_NOT_YET_VALID') return "The engine's certificate is not valid yet: check this machine's clock and the engine's."
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return `The engine's certificate is not for this address (${e.reason ?? e.message ?? 'another name'}): connect with a name or IP its certificate lists.`
  }
  if (CLIENT_REFUSED.test(code) || /alert (bad certificate|unknown ca|certificate required)/i.test(e.message ?? '')) {
    return "The engine refused Berth's client certificate: give the cert.pem and key.pem its CA signed (the engine checks clients with --tlsverify)."
  }
  if (/^ERR_SSL_|^EPROTO$/.test(code)) return `The TLS handshake with the engine failed: ${e.message ?? code}.`
  // The daemon's plain-text answer: dockerode keeps it as a Buffer in `json`, and in its message.
  const detail = `${e.json && typeof e.json === 'object' ? (e.json.message ?? String(e.json)) : ''} ${e.message ?? ''}`
  if (e.statusCode === 400 && /HTTP request to an HTTPS server/i.test(detail)) {
    return 'The engine speaks TLS on that port, and Berth spoke plain HTTP to it: give its CA, certificate and key (docker context create --docker host=…,ca=…,cert=…,key=…, or DOCKER_TLS_VERIFY=1 with DOCKER_CERT_PATH).'
  }
  if (code === 'ECONNREFUSED' && e.address && e.port) {
    return `Nothing answers at ${e.address}:${e.port} (connection refused): the engine is not running, or listens elsewhere.`
  }
  return undefined
}
