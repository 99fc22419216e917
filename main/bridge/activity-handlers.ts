// The activity domain: the history of actions Berth ran, kept by main across restarts (one history
// for every engine and every window).
import type { ActivityHistory } from '../engine/activity/history'
import type { Handlers } from './router'

/** What the host gives the activity domain: the one history, made by the bridge from the host's data folder. */
export interface ActivityHost {
  /** The folder the history is kept in (the app's data folder); none: kept in memory only. */
  activityDir?: string | null
  /** The history itself, when the host made it (the bridge makes one otherwise). */
  activity?: ActivityHistory
}

export function createActivityHandlers(history: ActivityHistory): Handlers['activity'] {
  return {
    history: () => history.history(),
    append: (entry) => history.append(entry),
  }
}
