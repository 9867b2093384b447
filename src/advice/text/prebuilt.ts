import type { TextIndexData } from './text-index.js'

/** The indexes the production bundle builds ahead of time. */
export type PrebuiltIndex = 'foods' | 'activities'

/**
 * The food or activity index built ahead of time, if any. From source there is none, and each
 * index is built at start-up; the production bundle (scripts/build-bundle.ts) replaces this module
 * with one holding both, built from the same sources in the same build, so the server opens them
 * instead of building them. Each call parses afresh: nothing here outlives the index.
 */
export function prebuiltIndex (_name: PrebuiltIndex): TextIndexData | undefined {
  return undefined
}
