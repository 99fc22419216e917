// The projects domain: group actions on a compose project's containers, its services' details, and
// its merged logs, one stream per page under a name it chose, closed with the page.
import type { Engine } from '../engine'
import { EngineError } from '../engine/errors'
import { projectServices, removeProject, restartProject, startProject, stopProject } from '../engine/projects/projects'
import { MergedProjectLogs } from '../engine/projects/merged-logs'
import type { Handlers } from './router'
import { pageStreams } from './page-streams'

/** A project page, its pop-outs and a few more; more than this is a page that forgets to close. */
const MAX_STREAMS_PER_PAGE = 8

export function createProjectHandlers(engine: Engine): Handlers['projects'] {
  const docker = () => engine.docker
  const streamsOf = pageStreams<MergedProjectLogs>((merged) => merged.close())
  // Containers that join a project (scale up, recreate) join its open streams, as the live list says.
  const open = new Set<MergedProjectLogs>()
  engine.watch({ containers: (list) => open.forEach((merged) => merged.update(list)) })
  /** Berth's own stops are not containers exiting on their own: Podman's events cannot tell. */
  const stopping = <T>(project: string, action: () => Promise<T>): Promise<T> => {
    engine.exits.expectProjectStop(project)
    return action()
  }

  return {
    start: ({ project }) => startProject(docker(), project),
    stop: ({ project, timeout }) => stopping(project, () => stopProject(docker(), project, timeout)),
    restart: ({ project, timeout }) => stopping(project, () => restartProject(docker(), project, timeout)),
    remove: ({ project }) => stopping(project, () => removeProject(docker(), project)),
    services: ({ project }) => projectServices(docker(), project),
    openLogs: async ({ stream, project, tail }, caller) => {
      const streams = streamsOf(caller)
      streams.get(stream)?.close()
      streams.delete(stream)
      if (streams.size >= MAX_STREAMS_PER_PAGE) {
        throw new EngineError('conflict', `This window already has ${MAX_STREAMS_PER_PAGE} project log streams open. Close some panes first.`)
      }
      const { items } = await engine.snapshot('containers')
      if (!items.some((c) => c.compose?.project === project)) {
        throw new EngineError('not-found', `There is no compose project "${project}" on this engine: no container carries its label.`)
      }
      const merged = new MergedProjectLogs(engine.docker, project, { tail, revival: engine.revival, onClose: () => open.delete(merged) }, {
        lines: (batch) => caller.send('projects', 'lines', { stream, ...batch }),
        state: (state) => caller.send('projects', 'state', { stream, ...state }),
      })
      streams.set(stream, merged)
      open.add(merged)
      await merged.start(items)
      // Containers that came while the first ones were opening.
      merged.update((await engine.snapshot('containers')).items)
    },
    ackLogs: async ({ stream, seq }, caller) => {
      streamsOf(caller).get(stream)?.ack(seq)
    },
    closeLogs: async ({ stream }, caller) => {
      const streams = streamsOf(caller)
      streams.get(stream)?.close()
      streams.delete(stream)
    },
  }
}
