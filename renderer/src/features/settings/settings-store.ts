// The user's settings, as main keeps them in settings.json: read once when the window opens, saved
// whole on every change, and taken from any other window's save as main announces it. Until the
// file is read, the defaults stand (and the theme last shown, so the window does not flash the other
// one). A file main could not use is said in `problem`; the next save replaces it.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { berth } from '../../bridge'
import { DEFAULT_SETTINGS, THEME_CHOICES, type Settings, type ThemeChoice } from '@common/contract/plain'

/** The theme last shown, kept by the page for its first paint only: settings.json is the truth. */
const THEME_CACHE = 'berth.theme'

function cachedTheme(): ThemeChoice {
  const value = typeof localStorage === 'undefined' ? null : localStorage.getItem(THEME_CACHE)
  return THEME_CHOICES.includes(value as ThemeChoice) ? (value as ThemeChoice) : DEFAULT_SETTINGS.theme
}

/** A part of the settings, one level deep: `{ logs: { wrap: true } }` changes wrap alone. */
export type SettingsChange = { [K in keyof Settings]?: Settings[K] extends object ? Partial<Settings[K]> : Settings[K] }

export const useSettingsStore = defineStore('settings', () => {
  const current = ref<Settings>({ ...DEFAULT_SETTINGS, theme: cachedTheme() })
  const loaded = ref(false)
  /** Why settings.json could not be used: the defaults stand. */
  const problem = ref<string | null>(null)
  /** Why the last save failed; cleared by the next that succeeds. */
  const saveError = ref<string | null>(null)

  function adopt(next: Settings): void {
    current.value = next
    if (typeof localStorage !== 'undefined') localStorage.setItem(THEME_CACHE, next.theme)
  }

  /** This window's saves under way: while one is, its own result stands over what main announces. */
  let saves = 0
  let loading: Promise<void> | null = null
  function load(): Promise<void> {
    loading ??= (async () => {
      berth.settings.onChanged((next) => {
        if (saves) return
        adopt(next)
        problem.value = null
      })
      const result = await berth.settings.read()
      if (!result.ok) problem.value = `Settings could not be read: ${result.error.message}; Berth is using the defaults`
      else if (result.value) {
        adopt(result.value.settings)
        problem.value = result.value.problem
      }
      loaded.value = true
    })()
    return loading
  }

  /** The first read while it is under way (null before it starts and once done): what waits for the user's defaults. */
  const reading = (): Promise<void> | null => (loaded.value ? null : loading)

  /** Saves the settings with this change; shown at once, and put back if main refuses them. */
  let saving = Promise.resolve()
  let changes = 0
  function change(part: SettingsChange): Promise<void> {
    const mine = ++changes
    const before = current.value
    const merged: Record<string, unknown> = { ...before }
    for (const [key, value] of Object.entries(part)) {
      const old = merged[key]
      merged[key] = typeof value === 'object' && value !== null ? { ...(old as object), ...value } : value
    }
    const next = merged as unknown as Settings
    adopt(next)
    // One save at a time, in order, so the file ends with the last change.
    saves++
    saving = saving.then(async () => {
      const result = await berth.settings.save(next).finally(() => saves--)
      if (result.ok) {
        saveError.value = null
        problem.value = null
      } else {
        saveError.value = result.error.message
        if (changes === mine) adopt(before)
      }
    })
    return saving
  }

  return { current, loaded, problem, saveError, load, reading, change }
})
