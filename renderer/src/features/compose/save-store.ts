// "Save as compose…": which containers are chosen, the file they would make (asked of main again at
// each change, the latest answer winning), the keep-or-replace choice for each flagged value, and the
// save itself: the desktop window's save dialog, or a download in browser mode.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { berth } from '../../bridge'
import { saveTextFile } from '../logs/save'
import type { ComposeSavePreview, SecretChoice } from '@common/contract/compose'
import type { BerthError } from '@common/contract/shared'

export const useSaveComposeStore = defineStore('save-compose', () => {
  /** Container names, in the order the user ticked them (the file's service order). */
  const chosen = ref<string[]>([])
  const choices = ref<Record<string, SecretChoice>>({})
  const preview = ref<ComposeSavePreview | null>(null)
  const error = ref<BerthError | null>(null)
  const saving = ref(false)
  /** What became of the last save, in words. */
  const saved = ref<string | null>(null)
  let asked = 0

  const choiceList = () => Object.entries(choices.value).filter(([id]) => preview.value?.secrets.some((s) => s.id === id)).map(([id, choice]) => ({ id, choice }))
  /** Flagged values still without a choice: Save waits for them. */
  const undecided = computed(() => (preview.value?.secrets ?? []).filter((s) => !choices.value[s.id]))

  async function refresh(): Promise<void> {
    const turn = ++asked
    saved.value = null
    if (!chosen.value.length) {
      preview.value = null
      error.value = null
      return
    }
    const result = await berth.compose.savePreview({ containers: chosen.value, secrets: choiceList() })
    if (turn !== asked) return
    if (result.ok) {
      preview.value = result.value
      error.value = null
    } else error.value = result.error
  }

  function start(names: string[] = []): void {
    chosen.value = [...names]
    choices.value = {}
    preview.value = null
    error.value = null
    saved.value = null
    void refresh()
  }

  /** A late answer to the last question is not shown. */
  function close(): void {
    asked++
  }

  function toggle(name: string): void {
    chosen.value = chosen.value.includes(name) ? chosen.value.filter((n) => n !== name) : [...chosen.value, name]
    void refresh()
  }

  function choose(id: string, choice: SecretChoice): void {
    choices.value = { ...choices.value, [id]: choice }
    void refresh()
  }

  async function save(): Promise<void> {
    if (!chosen.value.length || undecided.value.length || saving.value) return
    saving.value = true
    error.value = null
    try {
      const result = await berth.compose.saveFile({ containers: chosen.value, secrets: choiceList() })
      if (!result.ok) {
        error.value = result.error
        return
      }
      const file = result.value
      const env = file.envFile ? ` Put ${file.envFile.trim().split('\n').map((l) => l.replace(/=$/, '')).join(', ')} in a .env file beside it.` : ''
      if (file.cancelled) return
      if (file.savedTo) saved.value = `Saved to ${file.savedTo}.${env}`
      else {
        saveTextFile([file.yaml], file.filename)
        saved.value = `Downloaded ${file.filename}.${env}`
      }
    } finally {
      saving.value = false
    }
  }

  return { chosen, choices, preview, error, saving, saved, undecided, start, close, toggle, choose, save }
})
