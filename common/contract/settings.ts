// The settings domain: what the user chose on the Settings page, kept by main in settings.json in the
// app's data folder (browser mode's config folder), stored exactly as given.
import { z } from 'zod'
import { call, event } from './spec'
import { noInput } from './shared'
import { MAX_LOG_TAIL, THEME_CHOICES, type Settings } from './plain'

export { DEFAULT_SETTINGS, MAX_LOG_TAIL, THEME_CHOICES, type Settings, type ThemeChoice } from './plain'

export const settingsSchema = z.strictObject({
  /** Light, dark, or whatever the system shows (`prefers-color-scheme`). */
  theme: z.enum(THEME_CHOICES, { message: 'is not a theme: system, light or dark' }),
  notifications: z.strictObject({
    /** Off: no notification of any kind. */
    enabled: z.boolean(),
    /** A container that exits on its own: not one the user stopped or killed. */
    containerDied: z.boolean(),
    /** A container whose healthcheck turns it unhealthy. */
    containerUnhealthy: z.boolean(),
    /** A build, pull, push or compose action that ends while its page is not in view. */
    tasks: z.boolean(),
  }),
  logs: z.strictObject({
    /** How many past lines a log pane shows first: `docker logs --tail`. */
    tail: z.union([z.literal('all'), z.number().int('must be a whole number of lines').min(0, 'must not be negative').max(MAX_LOG_TAIL, `must be at most ${MAX_LOG_TAIL.toLocaleString('en')} lines`)]),
    timestamps: z.boolean(),
    wrap: z.boolean(),
  }),
  terminal: z.strictObject({
    fontSize: z.number().int('must be a whole number').min(8, 'must be at least 8 px').max(32, 'must be at most 32 px'),
  }),
  /** Confirmations the user may skip: true asks first, as Berth does by default. Never ones that lose data. */
  confirm: z.strictObject({
    /** "Make this the CLI's default" on the Engines page (`docker context use`): undone with one more click. */
    makeCliDefault: z.boolean(),
  }),
})
// The schema and the page's plain type say the same, both ways.
const _schemaGives: Settings = {} as z.infer<typeof settingsSchema>
const _pageGives: z.infer<typeof settingsSchema> = {} as Settings
void _schemaGives
void _pageGives

/** The settings as main read them: the file's, or the defaults and why (a broken file), or the defaults alone (no file yet). */
export interface SettingsRead {
  settings: Settings
  /** A sentence when the file could not be used: "settings.json could not be read: …; Berth is using the defaults". */
  problem: string | null
}

export const settings = {
  calls: {
    read: call<SettingsRead>()(noInput),
    /** Replaces the file with these settings, written whole (temp file, then rename); refused input leaves it as it was. */
    save: call<Settings>()(settingsSchema),
  },
  events: {
    /** Saved, by any window: every window shows the same choices without a reload. */
    changed: event<Settings>(),
  },
}
