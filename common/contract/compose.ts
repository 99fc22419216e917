// The compose domain: running the user's compose CLI on a compose file (up, down, pull, build,
// restart), reading and validating that file, and saving containers as a compose file.
import { call, event } from './spec'
import { noInput } from './shared'

// ── The compose CLI and its files ────────────────────────────────────────────────────────────────

const cliCalls = {}

const cliEvents = {}

// ── Saving containers as a compose file ──────────────────────────────────────────────────────────

const saveCalls = {}

export const compose = {
  calls: { ...cliCalls, ...saveCalls },
  events: { ...cliEvents },
}

// Placeholders until both parts declare their calls (kept so the imports above are used).
void call
void event
void noInput
