// A private dockerd that listens on tcp://127.0.0.1:<free port> with TLS, checking clients as
// `--tlsverify` does, plus a unix socket of its own (to ping it and to load images). The CA, the
// server certificate (for IP 127.0.0.1) and a client certificate are made with openssl in its temp
// folder; a second CA (that signed nothing of the engine's) and a client certificate from it are
// there for the refusals. Stopped by its own pid; loopback only.
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { tlsFilesIn } from '@main/engine/endpoint'
import type { TlsFiles } from '@main/engine/engines/tls-agent'
import { daemonControl } from './daemon'
import { unmountUnder } from './engine'
import { freePort } from './registry'

export interface TlsEngine {
  /** tcp://127.0.0.1:<port>, as a context or DOCKER_HOST names it. */
  host: string
  /** The same engine's unix socket (unix:///…), for what needs no TLS (loading images). */
  socketHost: string
  port: number
  /** The folder with ca.pem, cert.pem, key.pem (the client's), as DOCKER_CERT_PATH takes it. */
  certDir: string
  /** A CA that signed nothing of this engine's, with a client certificate and key of its own. */
  wrongCertDir: string
  /** The client's files as Berth reads them from certDir (with caFile). */
  tls(): TlsFiles
  /** The other CA's files: its client certificate is one the engine did not sign. */
  wrongClient(): TlsFiles
  /** The docker CLI's flags for this engine: -H … --tlsverify --tlscacert … */
  cliFlags(): string[]
  stop(): Promise<void>
  start(): Promise<void>
  destroy(): Promise<void>
}

function openssl(args: string[], cwd: string): Promise<void> {
  return new Promise((done, fail) =>
    execFile('openssl', args, { cwd }, (err, _stdout, stderr) => (err ? fail(new Error(`openssl ${args[0]} failed: ${stderr}`)) : done())),
  )
}

/** A CA in `dir`/ca.pem, a client certificate signed by it (cert.pem, key.pem), and, if asked, a server one. */
async function makeCertificates(dir: string, name: string, server: boolean): Promise<void> {
  await openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', `/CN=${name} CA`, '-keyout', 'ca-key.pem', '-out', 'ca.pem'], dir)
  // The client's files are plain cert.pem and key.pem, as the docker CLI looks for them.
  const sign = async (prefix: string, subject: string, extensions: string) => {
    const request = `${prefix || 'client-'}request`
    writeFileSync(join(dir, `${request}.ext`), extensions)
    await openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-subj', subject, '-keyout', `${prefix}key.pem`, '-out', `${request}.csr`], dir)
    await openssl(['x509', '-req', '-days', '2', '-in', `${request}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca-key.pem', '-CAcreateserial', '-extfile', `${request}.ext`, '-out', `${prefix}cert.pem`], dir)
  }
  if (server) await sign('server-', '/CN=127.0.0.1', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n')
  await sign('', '/CN=berth-client', 'extendedKeyUsage=clientAuth\n')
}

export async function startTlsEngine(): Promise<TlsEngine> {
  const dir = mkdtempSync(join(tmpdir(), 'berth-tls-engine-'))
  const certDir = mkdtempSync(join(dir, 'certs-'))
  const wrongCertDir = mkdtempSync(join(dir, 'wrong-'))
  await makeCertificates(certDir, 'Berth test', true)
  await makeCertificates(wrongCertDir, 'Someone else', false)
  const port = await freePort()
  const socket = join(dir, 'docker.sock')
  const pidfile = join(dir, 'docker.pid')
  const daemon = daemonControl({
    command: 'dockerd',
    args: [
      '--host', `unix://${socket}`,
      '--host', `tcp://127.0.0.1:${port}`,
      '--tlsverify',
      '--tlscacert', join(certDir, 'ca.pem'),
      '--tlscert', join(certDir, 'server-cert.pem'),
      '--tlskey', join(certDir, 'server-key.pem'),
      '--data-root', join(dir, 'root'),
      '--exec-root', join(dir, 'exec'),
      '--pidfile', pidfile,
      '--bridge=none',
      '--iptables=false',
      '--ip-masq=false',
    ],
    log: join(dir, 'dockerd.log'),
    socket,
    pidfile,
    hint: 'Is docker.io installed, are we root, and does openssl make the certificates?',
  })
  await daemon.start()
  const host = `tcp://127.0.0.1:${port}`
  return {
    host,
    socketHost: `unix://${socket}`,
    port,
    certDir,
    wrongCertDir,
    tls: () => tlsFilesIn(certDir),
    wrongClient: () => tlsFilesIn(wrongCertDir),
    cliFlags: () => ['-H', host, '--tlsverify', '--tlscacert', join(certDir, 'ca.pem'), '--tlscert', join(certDir, 'cert.pem'), '--tlskey', join(certDir, 'key.pem')],
    stop: daemon.stop,
    start: daemon.start,
    async destroy() {
      await daemon.stop()
      await unmountUnder(dir)
      await rm(dir, { recursive: true, force: true, maxRetries: 3 }).catch(() => {})
    },
  }
}

/** The files of `dir` with another CA put in: the engine's certificate is then one it did not sign. */
export function withCa(files: TlsFiles, caDir: string): TlsFiles {
  return { ...files, ca: readFileSync(join(caDir, 'ca.pem')), caFile: join(caDir, 'ca.pem') }
}
