// What a container's output may not do to Berth: write the clipboard (OSC 52), or open a link without
// a click and, in a browser, without the user saying yes to its host. The window and the terminal are
// stand-ins that record what was asked of them: the decisions are Berth's.
import { strict as assert } from 'node:assert'
import { beforeEach, describe, it } from 'node:test'
import type { Terminal } from '@xterm/xterm'
import { openLink, refuseClipboardWrites } from '@renderer/features/terminal/guards'

const asked: string[] = []
const opened: string[][] = []
let answer = false
const page = globalThis as unknown as { window: Record<string, unknown> }
page.window = {
  confirm: (question: string) => (asked.push(question), answer),
  open: (...args: string[]) => void opened.push(args),
}

/** A click on a link in the output; says whether Berth took it over from the browser. */
function click(uri: string): boolean {
  let prevented = false
  openLink({ preventDefault: () => (prevented = true) } as unknown as MouseEvent, uri)
  return prevented
}

describe('terminal guards', () => {
  beforeEach(() => {
    asked.length = 0
    opened.length = 0
    answer = false
    delete page.window.berthDesktop
  })

  it('refuses the output’s clipboard writes: OSC 52 is handled, and nothing is done', () => {
    const handlers = new Map<number, (data: string) => boolean | Promise<boolean>>()
    const term = { parser: { registerOscHandler: (id: number, handler: (data: string) => boolean) => handlers.set(id, handler) } }
    refuseClipboardWrites(term as unknown as Terminal)
    assert.deepEqual([...handlers.keys()], [52])
    // Handled (true): xterm passes it to no other handler, such as a clipboard addon's.
    assert.equal(handlers.get(52)?.(`c;${Buffer.from('rm -rf ~').toString('base64')}`), true)
  })

  it('opens only http and https links', () => {
    for (const uri of ['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,<script>x</script>', 'not a link']) {
      assert.equal(click(uri), false, uri)
    }
    assert.deepEqual(asked, [])
    assert.deepEqual(opened, [])
  })

  it('in a browser, asks first, naming the host, and opens the link without a way back to Berth', () => {
    const uri = 'https://docs.example.com/page?from=log'
    assert.equal(click(uri), true)
    assert.equal(asked.length, 1)
    assert.match(asked[0] ?? '', /Open docs\.example\.com in a new tab\?/)
    assert.ok(asked[0]?.includes(uri), 'the whole link is shown')
    assert.deepEqual(opened, [], 'declined: nothing opens')

    answer = true
    assert.equal(click('http://127.0.0.1:8080/'), true)
    assert.deepEqual(opened, [['http://127.0.0.1:8080/', '_blank', 'noopener,noreferrer']])
  })

  it('in the desktop window, leaves the question to main’s link gate', () => {
    page.window.berthDesktop = { pathForFile: () => '' }
    assert.equal(click('https://docs.docker.com/'), true)
    assert.deepEqual(asked, [])
    assert.deepEqual(opened, [['https://docs.docker.com/', '_blank', 'noopener,noreferrer']])
  })
})
