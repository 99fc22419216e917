// What a terminal says about its session, in words, beside the buttons that bring it back.
import type { TerminalTab } from './terminals-store'
import { exitCodeMeaning } from '../containers/exit-codes'

export function phaseWords(tab: TerminalTab): string {
  const attach = tab.request.kind !== 'exec'
  const meaning = exitCodeMeaning(tab.code)
  const code = tab.code === null || tab.code === undefined ? '' : ` with code ${tab.code}`
  // What the code says, after the story of what happened: "Code 137 means it was killed with SIGKILL…".
  const explained = (words: string) => (meaning ? `${words} Code ${tab.code} means it was ${meaning}.` : words)
  const offer = attach ? 'reattach to follow the container' : 'run it again, or open a new shell'
  const back =
    tab.reason === 'container-started' ? (attach ? ' The container started again: reattach to follow it.' : ' The container started again: open a new shell in it.')
    : tab.reason === 'engine-restarted' ? ` Then the Docker engine restarted: ${offer}.`
    : ''
  switch (tab.phase) {
    case 'opening':
      return 'Connecting…'
    case 'attached':
      return ''
    case 'detached':
      return `Detached (Ctrl-P Ctrl-Q): the process keeps running.${back}`
    case 'exited':
      return explained(attach ? `The main process exited${code}, so the container stopped.${back}` : `The process exited${code}.${back}`)
    case 'container-stopped':
      return explained(`The container stopped${code}, which ended this ${attach ? 'session' : 'shell'}.${back}`)
    case 'engine-lost':
      if (tab.reason === 'engine-restarted' && !tab.message) return `The Docker engine restarted, which cut this terminal: ${offer}.`
      return `${tab.message ?? 'The Docker engine stopped answering, which cut this terminal.'}${back || ' Reattach once it is back.'}`
    case 'failed':
      return tab.message ?? 'This terminal could not start.'
    default:
      return ''
  }
}

/** The few words a terminal's tab shows beside its name, so an ended one does not look live. */
export function tabStateWords(tab: TerminalTab): string {
  switch (tab.phase) {
    case 'opening':
      return 'connecting'
    case 'attached':
      return 'live'
    case 'detached':
      return 'detached'
    case 'exited':
      return tab.code === null || tab.code === undefined ? 'exited' : `exited ${tab.code}`
    case 'container-stopped':
      return 'stopped'
    case 'engine-lost':
      return 'cut off'
    case 'failed':
      return 'failed'
    default:
      return ''
  }
}
