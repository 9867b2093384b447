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
 * Edit distance between two strings: insertions, deletions and substitutions count one each
 * (Levenshtein), and with `swaps` so does an adjacent transposition ("litres" → "liters": the
 * optimal-string-alignment distance). Past `max` it returns `max + 1` as soon as every cell of a
 * row exceeds `max` (a row's least value never falls), so checking the speller's few candidates
 * stays cheap. The speller counts a swap as two edits, as its deletion table does; field-name
 * hints count it as one. Written here rather than taken from a package: none of them bounds the
 * distance, and one with swaps (damerau-levenshtein) fills the whole table unbounded.
 */
export function editDistance (a: string, b: string, max = Infinity, { swaps = false }: { swaps?: boolean } = {}): number {
  if (Math.abs(a.length - b.length) > max) return max + 1
  const n = b.length
  // Three rows of the table, reused; the row before the previous one is read only for swaps.
  let before = new Int32Array(n + 1)
  let previous = new Int32Array(n + 1)
  let row = new Int32Array(n + 1)
  for (let j = 0; j <= n; j++) previous[j] = j
  for (let i = 1; i <= a.length; i++) {
    const ai = a.charCodeAt(i - 1)
    row[0] = i
    let smallest = i
    for (let j = 1; j <= n; j++) {
      const bj = b.charCodeAt(j - 1)
      let d = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (ai === bj ? 0 : 1))
      if (swaps && i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj && before[j - 2] + 1 < d) d = before[j - 2] + 1
      row[j] = d
      if (d < smallest) smallest = d
    }
    if (smallest > max) return max + 1
    const spare = before
    before = previous
    previous = row
    row = spare
  }
  return Math.min(previous[n], max + 1)
}
