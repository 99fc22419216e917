// The compose domain: running the user's compose CLI on a compose file (up, down, pull, build,
// restart), reading and validating that file, and saving containers as a compose file.
import { z } from 'zod'
import { call, event } from './spec'
import { containerRef, noInput } from './shared'

// ── The compose CLI and its files ────────────────────────────────────────────────────────────────

const cliCalls = {}

const cliEvents = {}

// ── Saving containers as a compose file ──────────────────────────────────────────────────────────

/** Per flagged value: written as it is (`keep`), or as `${VARIABLE}` for a .env file (`variable`). */
export const SECRET_CHOICES = ['keep', 'variable'] as const
export type SecretChoice = (typeof SECRET_CHOICES)[number]

const secretChoices = z.array(z.strictObject({ id: z.string().min(1).max(600), choice: z.enum(SECRET_CHOICES) })).max(2000)

/** The containers to save (ids or names, each once), and the choice made for each flagged value so far. */
export const composeSaveInput = z.strictObject({
  containers: z.array(containerRef).min(1, 'needs at least one container: choose the ones to save').max(200),
  secrets: secretChoices,
})

/** An env value that looks like a secret: shown to the user, written only as they choose. */
export interface FlaggedSecret {
  /** `<service>.<KEY>`: what a choice names. */
  id: string
  service: string
  container: string
  key: string
  value: string
  /** The variable written instead (`${DB_PASSWORD}`) when the value is not kept. */
  variable: string
  /** Why it was flagged, as a sentence's end ("its name, DB_PASSWORD, says it is a secret"). */
  reason: string
}

export interface SavedService {
  container: string
  service: string
}

export interface ComposeSavePreview {
  /** The file as it would be written with the choices given; a value without a choice as its variable. */
  yaml: string
  services: SavedService[]
  secrets: FlaggedSecret[]
  /** What the file cannot say, or says differently from the containers (a service renamed, --rm, links…). */
  notes: string[]
  /** The .env lines the replaced values need (`DB_PASSWORD=`), empty when none. */
  envFile: string
}

export interface ComposeSaveResult {
  yaml: string
  envFile: string
  /** The name to save under. */
  filename: string
  /** Where the desktop window's save dialog wrote it; null in browser mode (the page downloads it) or when cancelled. */
  savedTo: string | null
  /** The user closed the save dialog without saving. */
  cancelled: boolean
}

const saveCalls = {
  /** The compose file these containers would be saved as, with what is flagged and what cannot be said. */
  savePreview: call<ComposeSavePreview>()(composeSaveInput),
  /** The file, with every flagged value chosen for: the desktop window saves it, browser mode downloads it. */
  saveFile: call<ComposeSaveResult>()(composeSaveInput),
}

export const compose = {
  calls: { ...cliCalls, ...saveCalls },
  events: { ...cliEvents },
}

// Placeholders until both parts declare their calls (kept so the imports above are used).
void call
void event
void noInput
