// The settings domain: settings.json read and written in the state folder Berth's engines are
// remembered in. A file that cannot be used gives the defaults and a sentence, never a failed call;
// the next save replaces it.
import { DEFAULT_SETTINGS, settingsSchema } from '@common/contract/settings'
import { EngineError } from '../engine/errors'
import { readSettingsFile, SETTINGS_FILE, writeSettingsFile } from '../settings/settings-file'
import { describeProblems } from './invalid-input'
import type { Handlers } from './router'
import type { Settings } from '@common/contract/settings'

/** What the host gives the settings domain: who hears a save (the bridge tells every window). */
export interface SettingsHost {
  settingsSaved?: (settings: Settings) => void
}

export function createSettingsHandlers(stateDir: string | null, host: SettingsHost = {}): Handlers['settings'] {
  return {
    read: async () => {
      if (!stateDir) return { settings: DEFAULT_SETTINGS, problem: null }
      const file = await readSettingsFile(stateDir)
      if (file.kind === 'missing') return { settings: DEFAULT_SETTINGS, problem: null }
      const unusable = (reason: string) => ({ settings: DEFAULT_SETTINGS, problem: `${SETTINGS_FILE} could not be read: ${reason}; Berth is using the defaults` })
      if (file.kind === 'broken') return unusable(file.reason)
      const parsed = settingsSchema.safeParse(file.value)
      return parsed.success ? { settings: parsed.data, problem: null } : unusable(describeProblems(parsed.error))
    },
    save: async (settings) => {
      if (!stateDir) throw new EngineError('internal', 'Berth has no data folder here, so settings cannot be saved.')
      await writeSettingsFile(stateDir, settings)
      host.settingsSaved?.(settings)
      return settings
    },
  }
}
