// Which service a line of the compose CLI's output is about, when the line says: docker-compose 1.x
// ("Creating app_web_1 ... done", "Pulling web (busybox:latest)..."), the docker compose plugin
// (" Container app-web-1  Started", " ✔ web Pulled", "#5 [web 2/3] RUN …") and podman-compose
// ("podman start app_web_1"). Lines that name no service (networks, volumes, summaries) stay untagged.

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

export interface ServiceMatcher {
  (line: string): string | undefined
}

/** A matcher for one project's services; longer names first, so `web-api` is not read as `web`. */
export function serviceMatcher(project: string, services: string[]): ServiceMatcher {
  const names = [...services].sort((a, b) => b.length - a.length)
  const p = escape(project)
  const rules = names.map((service) => {
    const s = escape(service)
    return {
      service,
      patterns: [
        // A container name: app_web_1 (1.x, podman-compose) or app-web-1 (the plugin).
        new RegExp(`(?:^|[\\s"'=/])${p}[_-]${s}[_-]\\d+(?![\\w-])`),
        // "Pulling web (…)", "Building web", "Recreating web …": a verb, then the service.
        new RegExp(`^\\W*(?:Pulling|Building|Creating|Recreating|Starting|Stopping|Restarting|Removing)\\s+${s}(?![\\w-])`),
        // "web uses an image, skipping" (a build of a service that has none).
        new RegExp(`^\\W*${s} uses an image`),
        // " ✔ web Pulled", " web Skipped", "web Error": the plugin's service lines.
        new RegExp(`^[^\\w]*${s}\\s+(?:Pull(?:ing|ed)?|Skipped|Built|Building|Error|Warning|Waiting|Interrupted|[a-z0-9]{12}\\s)`),
        // BuildKit's steps: "#5 [web 2/3] RUN …", "#1 [web internal] load build definition".
        new RegExp(`^#\\d+ \\[${s}[\\s\\]]`),
      ],
    }
  })
  return (line) => rules.find((r) => r.patterns.some((re) => re.test(line)))?.service
}

/**
 * A matcher that also carries a build's service over its output: docker-compose 1.x says "Building api",
 * then the builder's own lines ("Step 1/2 : FROM …"), which name no service, until the next line that names one.
 */
export function serviceTagger(project: string, services: string[]): ServiceMatcher {
  const match = serviceMatcher(project, services)
  let building: string | undefined
  return (line) => {
    const service = match(line)
    if (service) {
      building = /^\W*Building\s/.test(line) ? service : undefined
      return service
    }
    return building
  }
}
