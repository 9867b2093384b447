import { setTimeout as delay } from 'node:timers/promises'

/**
 * Polls until `condition` (sync, or async such as a metrics scrape) holds. No deadline of its own: tap's per-file
 * timeout fails a test that waits forever, so no guessed duration can make a
 * slow machine fail a working feature.
 */
export async function waitFor (condition: () => boolean | Promise<boolean>, intervalMs = 5): Promise<void> {
  while (!await condition()) await delay(intervalMs)
}
