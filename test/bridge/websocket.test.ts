import { strict as assert } from 'node:assert'
import { request } from 'node:http'
import { connect } from 'node:net'
import { networkInterfaces } from 'node:os'
import { resolve } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type WebSocket from 'ws'
import { startBrowserMode, type BrowserMode } from '@main/browser-mode/server'
import { callChannel } from '@common/contract/spec'
import { bridgeSocket } from '../env/ws-client'

const RENDERER = resolve(__dirname, '../../out/renderer')

const open = bridgeSocket

/** Resolves 'open', or the HTTP status the upgrade was refused with. */
function outcome(ws: WebSocket): Promise<'open' | number> {
  return new Promise((done) => {
    ws.once('open', () => {
      done('open')
      ws.close()
    })
    ws.once('unexpected-response', (_req, res) => done(res.statusCode ?? 0))
    ws.once('error', () => done(0))
  })
}

/** The page server in this process answering one request: it bounds a hang, nothing more (see test/env/wait.ts). */
const PAGE_SERVER_ANSWER_MS = 15_000

function httpGet(mode: BrowserMode, path: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((done, fail) => {
    const req = request({ host: '127.0.0.1', port: mode.port, path, method, headers }, (res) => {
      let body = ''
      res.on('data', (c: Buffer) => (body += c.toString()))
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', fail)
    // A server that never answers (or died) fails the test instead of hanging it.
    req.setTimeout(PAGE_SERVER_ANSWER_MS, () => req.destroy(new Error(`no answer to ${method} ${path}`)))
    req.end()
  })
}

function call(ws: WebSocket, message: unknown): Promise<{ id: number | null; result: { ok: boolean; error?: { code: string } } }> {
  return new Promise((done) => {
    const onMessage = (data: WebSocket.RawData) => {
      const parsed = JSON.parse(data.toString())
      if ('result' in parsed) {
        ws.off('message', onMessage)
        done(parsed)
      }
    }
    ws.on('message', onMessage)
    ws.send(typeof message === 'string' ? message : JSON.stringify(message))
  })
}

describe('browser mode: WebSocket bridge and page server', () => {
  let mode: BrowserMode
  before(async () => {
    mode = await startBrowserMode({ rendererDir: RENDERER })
  })
  after(() => mode.close())

  it('listens on 127.0.0.1 only, with a long random token in the URL fragment', async () => {
    assert.match(mode.url, /^http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{64}$/)
    const other = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal)
    if (other) {
      const refused = await new Promise<boolean>((done) => {
        const socket = connect(mode.port, other.address)
        socket.once('connect', () => {
          socket.destroy()
          done(false)
        })
        socket.once('error', () => done(true))
      })
      assert.equal(refused, true, `reachable on ${other.address}`)
    }
    const second = await startBrowserMode({ rendererDir: RENDERER })
    assert.notEqual(second.token, mode.token)
    await second.close()
  })

  it('answers a page with the token, its own Origin and a loopback Host', async () => {
    const ws = open(mode)
    await new Promise((r) => ws.once('open', r))
    const reply = await call(ws, { id: 7, channel: callChannel('containers', 'list'), input: {} })
    assert.equal(reply.id, 7)
    assert.equal(reply.result.ok, true)
    ws.close()
    assert.equal(await outcome(open(mode, { host: `localhost:${mode.port}`, origin: `http://localhost:${mode.port}` })), 'open')
  })

  it('refuses a wrong or missing token, a foreign Origin, a foreign Host and other paths', async () => {
    assert.equal(await outcome(open(mode, { token: 'f'.repeat(64) })), 403)
    assert.equal(await outcome(open(mode, { token: '' })), 403)
    assert.equal(await outcome(open(mode, { token: mode.token.slice(0, 63) })), 403)
    assert.equal(await outcome(open(mode, { origin: 'http://evil.example' })), 403)
    assert.equal(await outcome(open(mode, { origin: `http://127.0.0.1:${mode.port + 1}` })), 403)
    assert.equal(await outcome(open(mode, { origin: 'null' })), 403)
    // DNS rebinding: a page on evil.example resolving to 127.0.0.1 sends its own Host.
    assert.equal(await outcome(open(mode, { host: `evil.example:${mode.port}` })), 403)
    assert.equal(await outcome(open(mode, { path: '/other' })), 403)
  })

  it('refuses malformed messages with invalid-input and keeps serving', async () => {
    const ws = open(mode)
    await new Promise((r) => ws.once('open', r))
    for (const message of ['not json', JSON.stringify({ id: 'x', channel: 1 }), JSON.stringify([1, 2])]) {
      const reply = await call(ws, message)
      assert.equal(reply.result.ok, false)
      assert.equal(reply.result.error?.code, 'invalid-input')
    }
    const bad = await call(ws, { id: 1, channel: callChannel('containers', 'remove'), input: { id: 'x', force: 'yes' } })
    assert.equal(bad.result.error?.code, 'invalid-input')
    const good = await call(ws, { id: 2, channel: callChannel('engine', 'status'), input: {} })
    assert.equal(good.result.ok, true)
    ws.close()
  })

  it('drops a connection that sends more than 1 MiB in one message', async () => {
    const ws = open(mode)
    await new Promise((r) => ws.once('open', r))
    const code = await new Promise<number>((done) => {
      ws.once('close', (c) => done(c))
      ws.send('x'.repeat(2 * 1024 * 1024))
    })
    assert.equal(code, 1009)
  })

  it('serves the page with a strict CSP, and nothing outside the renderer', async () => {
    const host = { Host: `127.0.0.1:${mode.port}` }
    const page = await httpGet(mode, '/', host)
    assert.equal(page.status, 200)
    assert.match(String(page.headers['content-security-policy']), /script-src 'self'/)
    assert.match(page.body, /<div id="app">/)
    assert.equal((await httpGet(mode, '/..%2f..%2fpackage.json', host)).status, 404)
    assert.equal((await httpGet(mode, '/../../package.json', host)).status, 404)
    assert.equal((await httpGet(mode, '/', { Host: `evil.example:${mode.port}` })).status, 403)
    assert.equal((await httpGet(mode, '/', host, 'POST')).status, 405)
    // Any page the user visits can make the browser request this: it must not bring the server down.
    for (const bad of ['/%E0%A4%A', '/%', '/%00', '/assets/%ZZ']) assert.ok([400, 404].includes((await httpGet(mode, bad, host)).status), bad)
    assert.equal((await httpGet(mode, '/', host)).status, 200, 'still serving')
  })
})
