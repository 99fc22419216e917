// The link gate decides which URLs from a page (or, later, from container output) reach the browser.
import { strict as assert } from 'node:assert'
import { describe, it } from 'node:test'
import { askText, decideLink, documentationHosts, documentationHostsFor } from '@main/link-gate'

const appUrl = 'file:///opt/Berth/resources/app.asar/out/renderer/index.html'
const action = (url: string) => decideLink(url, appUrl).action

describe('link gate', () => {
  it('opens documentation pages over https without asking, as the parser normalized them', () => {
    assert.deepEqual([...documentationHosts], ['docs.docker.com', 'hub.docker.com'])
    for (const url of [
      'https://docs.docker.com/engine/reference/commandline/logs/',
      'https://hub.docker.com/_/nginx',
      'https://docs.docker.com',
      'https://docs.docker.com:443/get-started/',
    ]) {
      assert.equal(action(url), 'open', url)
    }
    // Uppercase scheme and host are the same page: the parser lowercases them before the list is read.
    assert.deepEqual(decideLink('HTTPS://DOCS.Docker.COM/Engine/', appUrl), { action: 'open', url: 'https://docs.docker.com/Engine/' })
  })

  it('asks about every other web page, naming its host', () => {
    const evil = decideLink('http://evil.example/payload?x=1', appUrl)
    assert.deepEqual(evil, { action: 'ask', url: 'http://evil.example/payload?x=1', host: 'evil.example', shown: 'http://evil.example/payload?x=1' })
    assert.deepEqual(askText(evil as Extract<typeof evil, { action: 'ask' }>), {
      message: 'Open http://evil.example/payload?x=1 in your browser?',
      detail: 'It is not a documentation page Berth knows. The link goes to evil.example.',
    })
    for (const [url, host] of [
      ['https://docs.docker.com.evil.example/', 'docs.docker.com.evil.example'], // the allowed name as a prefix
      ['https://evil-docs.docker.com.example/', 'evil-docs.docker.com.example'],
      ['https://notdocs.docker.com/', 'notdocs.docker.com'], // a sibling, not the host
      ['https://docker.com/', 'docker.com'],
      ['https://docs.docker.com./', 'docs.docker.com.'], // trailing dot: another name to the list, so asked
      ['https://docs.docker.com:8443/', 'docs.docker.com:8443'], // another port, another server
      ['http://docs.docker.com/', 'docs.docker.com'], // plain http can be rewritten on the way
      ['https://d\u043Ecs.docker.com/', 'xn--dcs-sed.docker.com'], // Cyrillic о: shown as punycode, never as the look-alike
      ['https://bücher.example/', 'xn--bcher-kva.example'],
      ['https://127.0.0.1:2375/containers/json', '127.0.0.1:2375'],
      ['https://[::1]/', '[::1]'],
    ] as const) {
      const decision = decideLink(url, appUrl)
      assert.equal(decision.action, 'ask', url)
      assert.equal(decision.action === 'ask' && decision.host, host, url)
    }
  })

  it('shows a long URL cut in the middle, and never text the parser would have escaped', () => {
    const long = `https://evil.example/${'a'.repeat(200)}/end-of-the-path`
    const decision = decideLink(long, appUrl)
    assert.equal(decision.action, 'ask')
    if (decision.action !== 'ask') return
    assert.equal(decision.url, long)
    assert.ok(decision.shown.length <= 80, decision.shown)
    assert.ok(decision.shown.startsWith('https://evil.example/aaa') && decision.shown.endsWith('end-of-the-path'), decision.shown)
    // Right-to-left overrides and spaces in a path come out percent-encoded, so the question reads as the URL really is.
    const tricky = decideLink('https://evil.example/\u202Egnp.exe x', appUrl)
    assert.equal(tricky.action === 'ask' && tricky.shown, 'https://evil.example/%E2%80%AEgnp.exe%20x')
  })

  it('refuses links that carry a user name or password, whatever host they seem to name', () => {
    for (const url of [
      'https://docs.docker.com@evil.example/',
      'https://docs.docker.com:443@evil.example/',
      'https://user:secret@docs.docker.com/',
      'https://@docs.docker.com/',
      'https:\\\\docs.docker.com@evil.example',
      'http://a:@evil.example/',
    ]) {
      assert.equal(action(url), 'refuse', url)
    }
  })

  it('refuses every scheme that is not a web page, and text that is not a URL', () => {
    for (const url of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
      'file://evil.example/share/x.exe',
      'ftp://docs.docker.com/',
      'ws://docs.docker.com/',
      'vbscript:msgbox(1)',
      'ms-msdt:/id PCWDiagnostic',
      'search-ms:query=x',
      'x-berth://open',
      'mailto:someone@example.com',
      'blob:https://docs.docker.com/0b5f7c3a',
      'about:blank',
      'chrome://settings',
      'docs.docker.com/engine/',
      '//docs.docker.com/',
      '',
      'https://',
      'https://exa mple.com/',
    ]) {
      assert.equal(action(url), 'refuse', url)
    }
  })

  it("keeps Berth's own links inside Berth: a valid route opens a Berth window, anything else on the page is refused", () => {
    assert.deepEqual(decideLink(`${appUrl}#/containers/web/logs`, appUrl), { action: 'internal', route: '/containers/web/logs' })
    assert.deepEqual(decideLink(`${appUrl}#/volumes/data/files?path=%2Fetc`, appUrl), { action: 'internal', route: '/volumes/data/files?path=%2Fetc' })
    assert.equal(action(`${appUrl}#/settings`), 'refuse')
    assert.equal(action(`${appUrl}#/containers/../../etc`), 'refuse')
    assert.equal(action(`${appUrl}`), 'refuse')
    // Another file is not the app's page, whatever its fragment says.
    assert.equal(action('file:///tmp/index.html#/containers'), 'refuse')
    // The dev server: same origin is the app, another port is not.
    assert.equal(decideLink('http://localhost:5173/#/images', 'http://localhost:5173/').action, 'internal')
    assert.equal(decideLink('http://localhost:5174/#/images', 'http://localhost:5173/').action, 'ask')
  })

  it("adds the project's own page to the list only when it is an https URL", () => {
    assert.deepEqual(documentationHostsFor(undefined), ['docs.docker.com', 'hub.docker.com'])
    assert.deepEqual(documentationHostsFor('http://berth.example/'), ['docs.docker.com', 'hub.docker.com'])
    assert.deepEqual(documentationHostsFor('https://berth.example:8443/'), ['docs.docker.com', 'hub.docker.com'])
    assert.deepEqual(documentationHostsFor('not a url'), ['docs.docker.com', 'hub.docker.com'])
    const hosts = documentationHostsFor('https://Berth.Example/#readme')
    assert.deepEqual(hosts, ['docs.docker.com', 'hub.docker.com', 'berth.example'])
    assert.equal(decideLink('https://berth.example/guide', appUrl, hosts).action, 'open')
    assert.equal(decideLink('https://berth.example.evil.example/', appUrl, hosts).action, 'ask')
  })
})
