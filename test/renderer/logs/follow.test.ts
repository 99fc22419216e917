// The log pane's follow rule: a wheel turn, a key that moves up or the held scrollbar stops following
// whatever the next render does; scrolling back down to the bottom, End or a wheel turn down as far
// as the bottom resumes. The list is modelled as Chromium and the pane drive it: the browser scrolls
// on its compositor thread, so the page reads the new offset only at its next frame and a scroll the
// page makes before then wins; scroll events come later still; each render first shows the rule
// where the page sees the list, then moves it to the bottom or keeps its lines in view.
import { strict as assert } from 'node:assert'
import { describe, it } from 'node:test'
import { FollowRule, keyMove, type KeyPress } from '@renderer/features/logs/follow'

const ROW = 18
const VIEW = 400
/** Where the pointer goes down on the scrollbar (px from the page's top). */
const PRESS = 380

/** A scrolling list of log rows, driven as LogLines.vue drives it. */
class List {
  readonly pane = { following: true }
  readonly rule = new FollowRule(this.pane)
  rows = 1000
  /** The offset the page reads. */
  top = 0
  /** The offset the browser has moved the list to, which the page does not see yet. */
  private ahead: number | null = null

  constructor() {
    this.render()
  }

  get bottom(): number {
    return Math.max(0, this.rows * ROW - VIEW)
  }

  get place() {
    return { top: this.top, below: Math.max(0, this.rows * ROW - VIEW - this.top) }
  }

  /** The browser scrolls (a wheel turn, a key's default action, a scrollbar drag): the page sees it at its next frame. */
  scroll(by: number): void {
    this.ahead = Math.min(this.bottom, Math.max(0, (this.ahead ?? this.top) + by))
  }

  /** The page's next frame: it reads where the browser has the list, then gets the scroll event. */
  frame(): void {
    this.seen()
    this.rule.scrolled(this.place)
  }

  /** The page reads where the browser has the list; no scroll event yet. */
  seen(): void {
    if (this.ahead !== null) this.top = this.ahead
    this.ahead = null
  }

  /**
   * New lines drawn, `dropped` old ones gone from the top (the pane keeps 100,000): to the bottom when
   * the rule snaps, else the same lines stay in view. A scroll the page makes replaces the browser's.
   */
  render(newRows = 0, dropped = 0): void {
    this.rule.scrolled(this.place)
    this.rows += newRows - dropped
    const from = this.top
    if (this.rule.snaps) this.top = this.bottom
    else this.top = Math.max(0, this.top - dropped * ROW)
    if (this.top !== from) this.ahead = null
    this.rule.placed(from, this.top)
  }

  key(key: string, extra: Partial<KeyPress> & { ctrlKey?: boolean } = {}): void {
    this.rule.key({ key, shiftKey: false, ...extra }, this.place)
  }
}

describe('the log pane’s follow rule', () => {
  it('follows new lines to the bottom while nobody scrolls', () => {
    const list = new List()
    list.render(50)
    list.frame()
    assert.equal(list.pane.following, true)
    assert.equal(list.top, list.bottom)
  })

  it('a wheel turn up stops following even when a render lands before the page sees the move', () => {
    const list = new List()
    const wheeled = list.bottom - 300
    list.rule.wheel(-300, list.place)
    list.scroll(-300)
    list.render(50) // a render between the browser's move and the page's next frame
    list.frame()
    assert.equal(list.pane.following, false)
    assert.equal(list.top, wheeled, 'the list is where the wheel put it')
    list.render(50)
    list.frame()
    assert.equal(list.top, wheeled, 'and stays there as lines come')
  })

  it('a late scroll event of Berth’s own move to the bottom does not undo a wheel turn up', () => {
    const list = new List()
    list.render(50) // moved to the bottom; its scroll event is still on its way
    list.rule.wheel(-300, list.place)
    list.rule.scrolled(list.place) // that event, read before the page sees the wheel's move
    list.scroll(-300)
    list.frame()
    assert.equal(list.pane.following, false)
  })

  it('every key that moves a list up stops following whatever the next render does, End resumes, keys down leave it to the scroll', () => {
    const up: [string, Partial<KeyPress> & { ctrlKey?: boolean }][] = [['ArrowUp', {}], ['PageUp', {}], ['Home', {}], ['Home', { ctrlKey: true }], [' ', { shiftKey: true }]]
    for (const [key, extra] of up) {
      const list = new List()
      list.key(key, extra)
      list.scroll(-ROW * 3)
      list.render(50)
      list.frame()
      assert.equal(list.pane.following, false, `${key} ${JSON.stringify(extra)}`)
      list.key('End')
      assert.equal(list.pane.following, true, 'End follows again')
    }
    for (const key of ['ArrowDown', 'PageDown', ' ', 'a', 'Enter']) assert.notEqual(keyMove({ key, shiftKey: false }), 'up', key)
    assert.equal(keyMove({ key: 'End', shiftKey: false }), 'end')
  })

  it('a wheel turn or key up on a list that cannot scroll keeps following: there is nothing above to read', () => {
    const list = new List()
    list.rows = 5
    list.render()
    assert.equal(list.top, 0)
    list.rule.wheel(-100, list.place)
    list.key('PageUp')
    assert.equal(list.pane.following, true)
  })

  it('scrolling back down to the bottom resumes, also when new lines come before the scroll event; short of it does not', () => {
    const list = new List()
    list.rule.wheel(-1000, list.place)
    list.scroll(-1000)
    list.frame()
    list.key('PageDown')
    list.scroll(500)
    list.frame()
    assert.equal(list.pane.following, false, 'still above the bottom')
    list.key('PageDown')
    list.scroll(500)
    list.seen()
    list.render(50) // taller now: the scroll event would find the list 50 rows above the bottom
    list.frame()
    assert.equal(list.pane.following, true)
    list.render(50)
    assert.equal(list.top, list.bottom, 'the next render follows')
  })

  it('a wheel turn down as far as the bottom resumes at once, even when new lines move the bottom before the page sees it', () => {
    const list = new List()
    list.rule.wheel(-1000, list.place)
    list.scroll(-1000)
    list.frame()
    list.rule.wheel(300, list.place)
    assert.equal(list.pane.following, false, 'a turn that stops short')
    list.scroll(300)
    list.frame()
    list.rule.wheel(700, list.place)
    assert.equal(list.pane.following, true)
    list.scroll(700)
    list.render(50)
    list.frame()
    assert.equal(list.pane.following, true)
    assert.equal(list.top, list.bottom)
  })

  it('a wheel turn down at the bottom resumes, even when the list has nowhere to go', () => {
    const list = new List()
    list.rule.wheel(-1, list.place) // a touchpad's nudge: stops following, the list barely moves
    assert.equal(list.pane.following, false)
    list.rule.wheel(3, list.place)
    assert.equal(list.pane.following, true)
  })

  it('a scroll up that stays at the bottom, or one the list made itself by shrinking, changes nothing', () => {
    const list = new List()
    list.scroll(-ROW / 4)
    list.frame()
    assert.equal(list.pane.following, true, 'a few pixels off the bottom is still the bottom')
    list.rule.wheel(-600, list.place)
    list.scroll(-600)
    list.frame()
    list.rows -= 200 // a filter hides rows: the browser clamps the offset, up, to the new bottom
    list.scroll(0)
    list.frame()
    assert.equal(list.pane.following, false, 'a move up never resumes')
  })

  it('while the scrollbar is held renders leave the list alone; dragging up stops following, letting go at the bottom follows again', () => {
    const list = new List()
    list.rule.hold(PRESS)
    list.render(50)
    assert.notEqual(list.top, list.bottom, 'new lines below, the view stays under the pointer')
    assert.equal(list.pane.following, true, 'held still, the pane still follows')
    list.scroll(-2000)
    list.render(50) // before the page sees the drag: a move to the bottom now would undo it
    list.frame()
    assert.equal(list.pane.following, false)
    list.rule.release(list.place, PRESS)
    list.render(50)
    assert.equal(list.pane.following, false, 'let go above the bottom: still reading')

    list.rule.hold(PRESS)
    list.scroll(list.bottom - list.top)
    list.frame()
    assert.equal(list.pane.following, true, 'dragged back to the bottom')
    list.render(50)
    assert.notEqual(list.top, list.bottom, 'no move while still held')
    list.rule.release(list.place, PRESS)
    assert.equal(list.rule.snaps, true, 'let go: the next render moves to the bottom')
    list.render(50)
    assert.equal(list.top, list.bottom)
  })

  it('letting go of the scrollbar right after a drag up does not follow, though the drag’s scroll event has not come', () => {
    const list = new List()
    list.rule.hold(PRESS)
    list.scroll(-2000)
    list.seen()
    list.rule.release(list.place, PRESS)
    assert.equal(list.pane.following, false)
    assert.equal(list.rule.snaps, false)
  })

  it('letting go above where the scrollbar was pressed stops following, though the page has not seen the drag yet', () => {
    const list = new List()
    list.rule.hold(PRESS)
    const dragged = list.bottom - 2000
    list.scroll(-2000) // dragged up on the compositor: under load the page hears the pointerup first
    list.rule.release(list.place, PRESS - 120)
    assert.equal(list.pane.following, false)
    list.render(50)
    list.frame()
    assert.equal(list.pane.following, false, 'the drag, seen now, is not undone')
    assert.equal(list.top, dragged, 'where the drag left it')
  })

  it('a press on the scrollbar let go where it went down leaves following as it was', () => {
    const list = new List()
    list.rule.hold(PRESS)
    list.rule.release(list.place, PRESS)
    assert.equal(list.pane.following, true)
    list.rule.hold(PRESS)
    list.rule.release(list.place, PRESS + 40) // let go lower: down, never a move up
    assert.equal(list.pane.following, true)
    list.rule.hold(PRESS)
    list.rule.release(list.place) // cancelled: a pointercancel's coordinates say nothing
    assert.equal(list.pane.following, true)
  })

  it('a render that keeps the lines in view as old ones drop off does not hide a drag up the page has seen', () => {
    const list = new List()
    list.rule.hold(PRESS)
    list.scroll(-2000)
    list.seen()
    list.render(50, 50) // full: as many old lines dropped as new ones came; the view moves up with its lines
    list.frame()
    assert.equal(list.pane.following, false)
  })
})
