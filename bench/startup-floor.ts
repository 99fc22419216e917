// The floor for `npm run bench:startup`: the least a page can do to show the first container rows,
// served by the same browser mode, on the same engine, in the same run. One small script, no
// framework: it opens the bridge's WebSocket with the page's token, asks for the containers list as
// Berth's page does (main answers both from the same list), and writes the first screenful of rows as
// plain text. Timed exactly as Berth's page (`openContainers`), so each leg of Berth's opening has the
// browser's and the server's own part of it beside it; the rest is Berth's.
//
// A second floor does the same and also loads every file a build's page loads first (its scripts as
// module preloads: fetched and compiled, never run; its stylesheets as stylesheets), writing its rows
// only once they are all in. Between the two is what fetching and compiling Berth's files costs;
// between it and Berth, what running them does.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { callChannel } from '@common/contract/spec'
import { pageScript } from './harness'

/** Rows written: Berth's page draws about 21 at 1400×900 (those in view and a few beyond). */
const ROWS = 40

/** Runs in the floor page. */
function floor(channel: string, rows: number, afterLoad: boolean): void {
  const query = location.hash.slice(location.hash.indexOf('?') + 1)
  const token = new URLSearchParams(query).get('token') ?? ''
  const socket = new WebSocket(`ws://${location.host}/bridge?token=${encodeURIComponent(token)}`)
  socket.onopen = () => socket.send(JSON.stringify({ id: 1, channel, input: {} }))
  socket.onmessage = (message) => {
    const answer = JSON.parse(String(message.data)) as { id?: number; result?: { ok: boolean; value?: { items: Array<{ id: string; name: string; image: string; status: string }> } } }
    if (answer.id !== 1) return
    const list = document.createElement('div')
    // Set from script: the page's policy refuses a style attribute in markup, so one there was never applied.
    list.style.font = '13px/30px monospace'
    for (const item of answer.result?.value?.items.slice(0, rows) ?? []) {
      const row = document.createElement('div')
      row.dataset.container = item.id
      row.textContent = `${item.name}  ${item.image}  ${item.status}`
      list.append(row)
    }
    // With the build's files to load, the rows wait for them all (module preloads hold the load event).
    if (afterLoad && document.readyState !== 'complete') addEventListener('load', () => document.body.append(list))
    else document.body.append(list)
  }
}

/**
 * Writes the floor page into a directory of its own, for browser mode to serve; returns the directory.
 * With `filesOf`, a build of the renderer, the page also loads every script and stylesheet that
 * build's `index.html` names, and writes its rows once they are in.
 */
export function writeFloorPage(filesOf?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'berth-startup-floor-'))
  const links: string[] = []
  if (filesOf) {
    cpSync(join(filesOf, 'assets'), join(dir, 'assets'), { recursive: true })
    const html = readFileSync(join(filesOf, 'index.html'), 'utf8')
    const named = (ext: string) => [...new Set([...html.matchAll(new RegExp(`(?:src|href)="(\\./assets/[^"]+\\.${ext})"`, 'g'))].map((m) => m[1]))]
    for (const path of named('js')) links.push(`<link rel="modulepreload" crossorigin href="${path}" />`)
    for (const path of named('css')) links.push(`<link rel="stylesheet" crossorigin href="${path}" />`)
  }
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'" />
    <link rel="icon" href="data:," />
    <title>The floor</title>
    <script src="./floor.js" async></script>
    ${links.join('\n    ')}
  </head>
  <body></body>
</html>
`,
  )
  writeFileSync(join(dir, 'floor.js'), pageScript(floor, callChannel('containers', 'list'), ROWS, Boolean(filesOf)))
  return dir
}
