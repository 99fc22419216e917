// Turns bursts of engine events into fresh lists. A refresh asked for while one is running is
// coalesced into a single follow-up, so a storm of events never queues a storm of list calls.
export class Refresher<T> {
  private running: Promise<void> | null = null
  private again = false

  constructor(
    private readonly load: () => Promise<T>,
    private readonly publish: (value: T) => void,
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  request(): Promise<void> {
    if (this.running) {
      this.again = true
      return this.running
    }
    this.running = this.loop().finally(() => {
      this.running = null
    })
    return this.running
  }

  private async loop(): Promise<void> {
    do {
      this.again = false
      try {
        this.publish(await this.load())
      } catch (err) {
        this.onError(err)
      }
    } while (this.again)
  }
}
