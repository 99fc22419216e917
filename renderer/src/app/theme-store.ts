// Light or dark: the theme chosen in Settings (settings.json), or the OS's (`prefers-color-scheme`)
// when it says "system". The sidebar's toggle writes the same setting.
import { defineStore } from 'pinia'
import { computed, ref, watchEffect } from 'vue'
import { THEME_CHOICES, type ThemeChoice } from '@common/contract/plain'
import { useSettingsStore } from '../features/settings/settings-store'

export type { ThemeChoice }

export const useThemeStore = defineStore('theme', () => {
  const settings = useSettingsStore()
  const choice = computed<ThemeChoice>(() => settings.current.theme)
  const media = window.matchMedia('(prefers-color-scheme: light)')
  const systemLight = ref(media.matches)
  media.addEventListener('change', (event) => (systemLight.value = event.matches))

  const theme = computed<'light' | 'dark'>(() => (choice.value === 'system' ? (systemLight.value ? 'light' : 'dark') : choice.value))
  watchEffect(() => {
    document.documentElement.dataset.theme = theme.value
  })

  function choose(next: ThemeChoice): void {
    void settings.change({ theme: next })
  }
  /** The toggle's one button: Auto → Light → Dark → Auto, so each choice is one or two clicks away whatever the system shows. */
  function cycle(): void {
    choose(THEME_CHOICES[(THEME_CHOICES.indexOf(choice.value) + 1) % THEME_CHOICES.length] ?? 'system')
  }

  return { choice, theme, choose, cycle }
})
