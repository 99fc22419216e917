// Registry logins and the pulls and pushes this page started. The password goes to main once, at
// login, and is never kept here; what comes back is registries and usernames.
import { defineStore } from 'pinia'
import { reactive, ref, watch } from 'vue'
import { berth } from '../../bridge'
import { useActivityStore } from '../activity/activity-store'
import { useNotificationsStore } from '../notifications/notifications-store'
import { useEnginesStore } from '../engines/engines-store'
import { cliLine } from '../../shared/cli'
import type { BerthError, Result } from '@common/contract/shared'
import type { LoginResult, LoginStorageInfo, RegistryLogin, TransferProgress, TransferResult } from '@common/contract/registry'

export interface Transfer {
  operation: string
  kind: 'pull' | 'push'
  /** As the user typed it. */
  reference: string
  cli: string
  state: 'running' | 'done' | 'failed' | 'cancelled'
  progress: TransferProgress | null
  result?: TransferResult
  error?: BerthError
}

let counter = 0
const newOperation = (kind: string) => `${kind}-${Date.now().toString(36)}-${(counter++).toString(36)}`

export const useRegistryStore = defineStore('registry', () => {
  const activity = useActivityStore()
  const notifications = useNotificationsStore()
  const logins = ref<RegistryLogin[]>([])
  const loaded = ref(false)
  const transfers = reactive(new Map<string, Transfer>())
  /** What was last typed in the Pull dialog: kept when it closes (to log in elsewhere, say) and offered again. */
  const pullDraft = ref('')

  async function load(): Promise<void> {
    const result = await berth.registry.logins()
    if (result.ok) logins.value = result.value
    loaded.value = true
  }

  let subscribed = false
  function start(): void {
    if (subscribed) return
    subscribed = true
    berth.registry.onProgress((progress) => {
      const transfer = transfers.get(progress.operation)
      if (transfer && transfer.state === 'running') transfer.progress = progress
    })
    void load()
  }

  function storage(registry: string): Promise<Result<LoginStorageInfo>> {
    return berth.registry.storage({ registry: registry.trim() })
  }

  // The login and logout lines follow the reference rules (registry-cli.ts), loaded with the form and
  // the page that call these, not with the window.
  async function login(registry: string, username: string, password: string): Promise<Result<LoginResult>> {
    const { loginCli } = await import('./registry-cli')
    const result = await activity.track(loginCli(registry, username), () =>
      berth.registry.login({ registry: registry.trim(), username: username.trim(), password }),
    )
    if (result.ok) await load()
    return result
  }

  async function logout(registry: string): Promise<boolean> {
    const { logoutCli } = await import('./registry-cli')
    const result = await activity.track(logoutCli(registry), () => berth.registry.logout({ registry }))
    await load()
    return result.ok
  }

  function tag(source: string, target: string): Promise<Result<{ source: string; target: string }>> {
    // Any later tag of the same image that works settles a mistyped one's error.
    const cli = cliLine('docker', 'tag', source, target.trim())
    return activity.track(cli, () => berth.registry.tag({ source, target: target.trim() }), `image.tag:${source}`)
  }

  /** Starts a pull or push; the returned transfer fills in as progress arrives. */
  function begin(kind: 'pull' | 'push', reference: string): Transfer {
    const operation = newOperation(kind)
    const cli = cliLine('docker', kind, reference.trim())
    transfers.set(operation, { operation, kind, reference: reference.trim(), cli, state: 'running', progress: null })
    const transfer = transfers.get(operation)!
    const call = kind === 'pull' ? berth.registry.pull : berth.registry.push
    const tell = notifications.watchTask()
    void activity.track(cli, () => call({ reference: reference.trim(), operation })).then((result) => {
      if (transfer.state !== 'running') return
      if (result.ok) {
        transfer.result = result.value
        transfer.state = result.value.cancelled ? 'cancelled' : 'done'
      } else {
        transfer.error = result.error
        transfer.state = 'failed'
      }
      const what = `${kind === 'pull' ? 'Pull' : 'Push'} of ${transfer.reference}`
      if (transfer.state === 'done') tell({ title: `${what} finished`, body: cli })
      else if (transfer.state === 'failed') tell({ title: `${what} failed`, body: transfer.error?.message ?? cli })
    })
    return transfer
  }

  /** Starts a failed pull or push again, as a new operation (the failed one is forgotten). */
  function retry(transfer: Transfer): Transfer {
    transfers.delete(transfer.operation)
    return begin(transfer.kind, transfer.reference)
  }

  const pull = (reference: string) => begin('pull', reference)
  const push = (reference: string) => begin('push', reference)

  async function cancel(operation: string): Promise<void> {
    await berth.registry.cancel({ operation })
  }

  function forget(operation: string): void {
    transfers.delete(operation)
  }

  // A switch of engines closes every pull and push in main: each says so, and by which switch.
  const engines = useEnginesStore()
  watch(
    () => engines.generation,
    () => {
      const away = engines.lastSwitch
      if (!away) return
      for (const transfer of transfers.values()) {
        if (transfer.state !== 'running') continue
        transfer.state = 'failed'
        transfer.error = { code: 'engine-unreachable', message: `The ${transfer.kind} stopped: it ran on engine ${away.from.name}, and Berth now shows engine ${away.to.name}.` }
      }
    },
  )

  return { logins, loaded, transfers, pullDraft, load, start, storage, login, logout, tag, pull, push, retry, cancel, forget }
})
