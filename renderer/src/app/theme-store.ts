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
  /** The toggle's one button: system → the other of what the system shows → back to system. */
  function cycle(): void {
    choose(choice.value === 'system' ? (systemLight.value ? 'dark' : 'light') : 'system')
  }

  return { choice, theme, choose, cycle }
})
