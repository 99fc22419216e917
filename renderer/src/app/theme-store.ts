// Light or dark: follows the OS (`prefers-color-scheme`) until the user picks one, which is remembered.
import { defineStore } from 'pinia'
import { computed, ref, watchEffect } from 'vue'

export type ThemeChoice = 'system' | 'light' | 'dark'
const KEY = 'berth.theme'
const CHOICES: ThemeChoice[] = ['system', 'light', 'dark']

function stored(): ThemeChoice {
  const value = localStorage.getItem(KEY)
  return CHOICES.includes(value as ThemeChoice) ? (value as ThemeChoice) : 'system'
}

export const useThemeStore = defineStore('theme', () => {
  const choice = ref<ThemeChoice>(stored())
  const media = window.matchMedia('(prefers-color-scheme: light)')
  const systemLight = ref(media.matches)
  media.addEventListener('change', (event) => (systemLight.value = event.matches))

  const theme = computed<'light' | 'dark'>(() => (choice.value === 'system' ? (systemLight.value ? 'light' : 'dark') : choice.value))
  watchEffect(() => {
    document.documentElement.dataset.theme = theme.value
  })

  function choose(next: ThemeChoice): void {
    choice.value = next
    if (next === 'system') localStorage.removeItem(KEY)
    else localStorage.setItem(KEY, next)
  }
  /** The toggle's one button: Auto → Light → Dark → Auto, so each choice is one or two clicks away whatever the system shows. */
  function cycle(): void {
    choose(CHOICES[(CHOICES.indexOf(choice.value) + 1) % CHOICES.length] ?? 'system')
  }

  return { choice, theme, choose, cycle }
})
