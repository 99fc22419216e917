// What the palette finds for the line typed. The things it can find are read from the lists the other
// stores keep live, and turned into targets (lower-cased keys) only when a list changes; a keystroke
// scores them and keeps the best LIMIT. Loaded with the palette, at its first opening.
import { defineStore } from 'pinia'
import { computed } from 'vue'
import { useContainersStore } from '../containers/containers-store'
import { useProjectsStore } from '../projects/projects-store'
import { useImagesStore } from '../images/images-store'
import { useVolumesStore } from '../volumes/volumes-store'
import { useNetworksStore } from '../networks/networks-store'
import { useRegistryStore } from '../registry/registry-store'
import { isUp } from '@common/contract/plain'
import { usePaletteStore } from './palette-store'
import { bestMatches, readLine, target, verbHints, type Choice, type Target, type Verb } from './palette-query'

/** The app's pages, by route name. */
export const PAGES: readonly { route: string; title: string }[] = [
  { route: 'containers', title: 'Containers' },
  { route: 'images', title: 'Images' },
  { route: 'build', title: 'Build' },
  { route: 'volumes', title: 'Volumes' },
  { route: 'networks', title: 'Networks' },
  { route: 'registries', title: 'Registries' },
  { route: 'compose', title: 'Compose' },
  { route: 'engines', title: 'Engines' },
  { route: 'settings', title: 'Settings' },
]

const RUNNING_VERBS: readonly Verb[] = ['open', 'logs', 'terminal', 'files', 'inspect', 'stats', 'stop', 'restart', 'remove']
const STOPPED_VERBS: readonly Verb[] = ['open', 'logs', 'files', 'inspect', 'start', 'remove']

export const usePaletteMatchesStore = defineStore('palette-matches', () => {
  const palette = usePaletteStore()
  const containers = useContainersStore()
  const projects = useProjectsStore()
  const images = useImagesStore()
  const volumes = useVolumesStore()
  const networks = useNetworksStore()
  const registry = useRegistryStore()

  const pageTargets = PAGES.map((p) => target('page', p.title, 'page', ['open']))
  const containerTargets = computed(() =>
    containers.list.map((c) =>
      target('container', c.name, `${c.image} · ${c.state}`, isUp(c.state) ? RUNNING_VERBS : STOPPED_VERBS),
    ),
  )
  const projectTargets = computed(() =>
    [...projects.all.values()].map((p) => target('project', p.name, `compose project · ${p.running}/${p.containers.length} running`, ['open'])),
  )
  const imageTargets = computed(() =>
    images.list.map((i) => target('image', i.reference, `image · ${i.shortId}`, i.repository === '<none>' ? ['open'] : ['open', 'pull'])),
  )
  const volumeTargets = computed(() => volumes.list.map((v) => target('volume', v.name, `volume · ${v.driver}`, ['open', 'files', 'inspect'])))
  const networkTargets = computed(() => networks.list.map((n) => target('network', n.name, `network · ${n.driver}`, ['open', 'inspect'])))
  const registryTargets = computed(() => registry.logins.map((l) => target('registry', l.registry, `registry · ${l.username}`, ['open'])))

  /** Pages first, so an empty line lists them; containers next, the things most looked for. */
  const targets = computed<Target[]>(() => [
    ...pageTargets,
    ...containerTargets.value,
    ...projectTargets.value,
    ...imageTargets.value,
    ...volumeTargets.value,
    ...networkTargets.value,
    ...registryTargets.value,
  ])

  const line = computed(() => readLine(palette.text))
  const choices = computed<Choice[]>(() => {
    const found = bestMatches(line.value, targets.value)
    // "pull alpine:3.19": a reference no image here has yet is still something to pull.
    const typed = palette.text.trim().slice(4).trim()
    if (line.value.verb === 'pull' && typed && !found.some((c) => c.target.name === typed)) {
      found.unshift({ target: target('image', typed, 'pull from its registry', ['pull']), verb: 'pull' })
    }
    return found
  })
  const hints = computed(() => verbHints(palette.text))

  return { targets, line, choices, hints }
})
