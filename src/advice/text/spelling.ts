// Spelling correction against a vocabulary: each unknown word becomes the nearest known word within
// one or two edits, or stays as it is.

// One edit for words of 5–8 letters, two for longer; shorter words must be exact
// ("mac" is not "mayo").
const MIN_FUZZY = 5
const LONG_WORD = 9
const MAX_WORD = 24

/**
 * A corrector over a vocabulary and each word's document frequency (commoner words win ties): it
 * returns the words with each unknown one replaced by its nearest known spelling.
 */
export function createSpeller (df: ReadonlyMap<string, number>): (words: readonly string[]) => string[] {
  // Words within k edits share a key: each with up to k of its letters dropped (the symmetric-deletion
  // method of SymSpell). A table from those keys to the vocabulary finds a word's near spellings in a
  // few dozen map lookups, where a trie's fuzzy search (SearchableMap.fuzzyGet) walks every branch
  // within the distance: that walk was nine tenths of the time spent reading a text of unknown words.
  // A correction keeps the first letter (it is rarely the typo), so there is one table per first
  // letter, built when a word starting with it is first corrected.
  const near = new Map<string, Map<string, string[]>>()
  function correction (w: string): string {
    let table = near.get(w[0])
    if (table === undefined) near.set(w[0], table = deletionTable([...df.keys()].filter((term) => term[0] === w[0])))
    const edits = w.length >= LONG_WORD ? 2 : 1
    let best = w
    let bestKey: [number, number] = [Infinity, 0]
    const seen = new Set<string>()
    for (const key of deletions(w, edits)) {
      for (const term of table.get(key) ?? []) {
        if (seen.has(term)) continue
        seen.add(term)
        // Among words equally near, the commoner wins.
        const distance = editDistance(w, term, edits)
        const n = df.get(term) ?? 0
        if (distance <= edits && (distance < bestKey[0] || (distance === bestKey[0] && n > bestKey[1]))) { best = term; bestKey = [distance, n] }
      }
    }
    return best
  }

  function correct (words: readonly string[]): string[] {
    // Numbers and joined negations ("no_butter", "sugar_free") are never typos of a food word.
    return words.map((w) => df.has(w) || w.length < MIN_FUZZY || w.length > MAX_WORD || /[\d_]/.test(w) ? w : correction(w))
  }

  return correct
}

/** The word and every form of it with up to `depth` letters dropped. */
function deletions (w: string, depth: number): Set<string> {
  const out = new Set([w])
  let level = [w]
  for (let d = 0; d < depth; d++) {
    const next: string[] = []
    for (const v of level) {
      for (let i = 0; i < v.length; i++) {
        const cut = v.slice(0, i) + v.slice(i + 1)
        if (!out.has(cut)) { out.add(cut); next.push(cut) }
      }
    }
    level = next
  }
  return out
}

/** Every word worth correcting to, under each of its deletions: one letter for all, two for words a long word may be two edits from. */
function deletionTable (words: Iterable<string>): Map<string, string[]> {
  const table = new Map<string, string[]>()
  for (const w of words) {
    if (w.length < MIN_FUZZY - 1 || w.length > MAX_WORD + 2) continue
    for (const key of deletions(w, w.length >= LONG_WORD - 2 ? 2 : 1)) {
      const list = table.get(key)
      if (list === undefined) table.set(key, [w])
      else list.push(w)
    }
  }
  return table
}

/**
 * Levenshtein distance between two words, or `max + 1` once it must exceed `max`. Written here
 * rather than taken from a package: the words are short, and the early exit is what makes checking
 * the table's few candidates cheap.
 */
export function editDistance (a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    let smallest = i
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
      if (row[j] < smallest) smallest = row[j]
    }
    if (smallest > max) return max + 1
    previous = row
  }
  return Math.min(previous[b.length], max + 1)
}
