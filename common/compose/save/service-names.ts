// Service names from container names: what both Compose versions take (lowercase letters, digits,
// "-" and "_", starting with a letter or digit), each one once. A name that had to change is said.

export interface NamedService {
  container: string
  service: string
  /** Why the service is not named exactly as the container, when it is not. */
  renamed?: string
}

/** The service name a container name gives before collisions: lowercase, other characters as "-". */
export function serviceNameFor(container: string): string {
  const base = container
    .replace(/^\//, '')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
  return base || 'service'
}

/** One service name per container, in order; a later container whose name is taken gets `-2`, `-3`… */
export function serviceNames(containers: string[]): NamedService[] {
  const taken = new Set<string>()
  return containers.map((raw) => {
    const container = raw.replace(/^\//, '')
    const base = serviceNameFor(container)
    let service = base
    for (let n = 2; taken.has(service); n++) service = `${base}-${n}`
    taken.add(service)
    const reasons: string[] = []
    if (base !== container) reasons.push(`"${container}" is not a service name (lowercase letters, digits, - and _)`)
    if (service !== base) reasons.push(`"${base}" was already taken`)
    return reasons.length ? { container, service, renamed: `${reasons.join(' and ')}: saved as service "${service}"` } : { container, service }
  })
}
