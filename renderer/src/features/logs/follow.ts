// Whether the log pane follows new lines, decided from what the user does rather than from where the
// list happens to be. While following, every render moves the list to the bottom, so a scroll event
// cannot tell the user's move from Berth's own: a render landing between a wheel turn and its scroll
// event would undo the turn. The user's intent comes first, in the input event itself: a wheel turn
// or a key that moves up stops following before the list moves, and a held scrollbar keeps renders
// from moving the list at all. Scrolling back down to the bottom, End, or Jump to latest resumes.

/** Where the list stands: its scroll offset, and how far (px) the list goes on below the view. */
export interface Place {
  top: number
  below: number
}

/** Within this much (px, half a row) of the end, the newest line is in view: the list is at the bottom. */
export const BOTTOM_SLACK = 9

const atBottom = (at: Place) => at.below <= BOTTOM_SLACK

/** The parts of a key press that say where it moves a focused list. */
export interface KeyPress {
  key: string
  shiftKey: boolean
}

/** Where a key moves a focused scrolling list in Chromium: up (ArrowUp, PageUp, Home with or without Ctrl, Shift+Space), to the end, or neither. */
export function keyMove(press: KeyPress): 'up' | 'end' | null {
  if (press.key === 'ArrowUp' || press.key === 'PageUp' || press.key === 'Home' || (press.key === ' ' && press.shiftKey)) return 'up'
  if (press.key === 'End') return 'end'
  return null
}

/** Scroll moves smaller than this (px) are rounding, not a move. */
const JITTER = 1

export class FollowRule {
  /** The user holds the scrollbar: renders leave the list where the user has it. */
  held = false
  /** Where the pointer went down on the scrollbar. */
  private pressedAt = 0
  /** The offset of the last scroll event, moved along with Berth's own moves since: a scroll event tells how far the user moved the list. */
  private lastTop = 0

  /** `pane.following` is the pane's state; besides this rule, only the pane sets it (a new stream, Jump to latest, a search step). */
  constructor(private readonly pane: { following: boolean }) {}

  /** After a render: move to the bottom (following, and the scrollbar not held), or keep the lines in view. */
  get snaps(): boolean {
    return this.pane.following && !this.held
  }

  /**
   * A wheel turn (`deltaY` in px), before the list moves: up stops following; down as far as the
   * bottom resumes, decided now, since new lines may move the bottom away before the scroll event.
   */
  wheel(deltaY: number, at: Place): void {
    if (deltaY < 0 && at.top > 0) this.pane.following = false
    else if (deltaY > 0 && deltaY >= at.below - BOTTOM_SLACK) this.pane.following = true
  }

  /** A key pressed in the list, before the list moves. */
  key(press: KeyPress, at: Place): void {
    const move = keyMove(press)
    if (move === 'up' && at.top > 0) this.pane.following = false
    else if (move === 'end') this.pane.following = true
  }

  /** The pointer went down on the scrollbar, at `y` (px, the page's own coordinates). */
  hold(y: number): void {
    this.held = true
    this.pressedAt = y
  }

  /**
   * The pointer let go of the scrollbar at `y`, the list `at` where the page sees it. Chromium drags
   * the scrollbar on its compositor and tells the page where the list went at a later frame: under
   * load, after the pointerup, so `at` may not show the drag yet. A pointer let go above where it
   * went down dragged the list up, whatever `at` says: that stops following. Without `y` (the press
   * was cancelled, and says nowhere), only `at` counts.
   */
  release(at: Place, y = this.pressedAt): void {
    if (y < this.pressedAt - JITTER && at.top > 0) this.pane.following = false
    this.scrolled(at)
    this.held = false
  }

  /**
   * Where the list is now, on each scroll event and before each render (a move whose event is still on
   * its way, seen against the list before new lines make it taller). Up and away from the bottom stops
   * following; down to the bottom resumes. A move up never resumes: while a wheel turn is still on its
   * way, Berth's own move to the bottom would otherwise read as "back at the bottom".
   */
  scrolled(at: Place): void {
    const moved = at.top - this.lastTop
    this.lastTop = at.top
    if (moved < -JITTER && !atBottom(at)) this.pane.following = false
    else if (moved > JITTER && atBottom(at)) this.pane.following = true
  }

  /**
   * Berth moved the list itself (to the bottom, to keep its lines, to a match), from `from` to `to`:
   * that move is no move of the user's, but a move of the user's not yet seen in a scroll event still is.
   */
  placed(from: number, to: number): void {
    this.lastTop += to - from
  }
}
