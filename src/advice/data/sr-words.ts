// SR Legacy's short descriptions (SR28 ABBREV "Shrt_Desc") are capitals cut to 60 characters with
// USDA's own abbreviations ("WHEAT FLR, WHITE, ALL-PURPOSE, ENR, BLEACHED"). The food index matches
// words, and nobody writes "flr", so `npm run data` spells them out ("Wheat flour, white,
// all-purpose, enriched, bleached") with this table. It holds the abbreviations that occur in the
// rows the service keeps, each spelled as SR28's own long descriptions and its documentation's list of
// abbreviations spell it; an abbreviation that also is a word ("RED" for reduced, "PART" for
// partially) is spelled out only in the phrase where it is one. "GM" stays as written: spelled
// "gram" ("Pigeon peas (red gram)") it would match every "200 grams of …".

/** Phrases first (they hold words that are abbreviations only there), then single abbreviations. */
export const SR_ABBREVIATIONS: Readonly<Record<string, string>> = {
  'ALL G': 'all grades',
  'PART HYDROG': 'partially hydrogenated',
  'PART HYDR': 'partially hydrogenated',
  'RED FAT': 'reduced fat',
  'MXD SP': 'mixed species',
  'VAR MEATS': 'variety meats',
  'DEN CUT': 'Denver cut',
  AL: 'aluminum',
  BF: 'beef',
  ALLPURP: 'all-purpose',
  BLD: 'blade',
  BLDE: 'blade',
  BLND: 'blend',
  BN: 'bone',
  BNE: 'bone',
  BNLES: 'boneless',
  BNLESS: 'boneless',
  BNLS: 'boneless',
  BNLSS: 'boneless',
  BNS: 'beans',
  BRKFST: 'breakfast',
  BRLER: 'broiler',
  BRST: 'breast',
  BSTN: 'Boston',
  BTT: 'butt',
  BTTM: 'bottom',
  CA: 'calcium',
  CHC: 'choice',
  CHCK: 'chuck',
  CHICK: 'chicken',
  CHK: 'chuck',
  CHOPD: 'chopped',
  CKN: 'chicken',
  CND: 'canned',
  CNTR: 'center',
  COCNT: 'coconut',
  COMP: 'composite',
  COND: 'condensed',
  CRM: 'cream',
  CTTNSD: 'cottonseed',
  DECORT: 'decorticated',
  DENCUT: 'Denver cut',
  DK: 'dark',
  DOM: 'domesticated',
  DRUMSTK: 'drumstick',
  ENR: 'enriched',
  EQ: 'equal',
  FA: 'fat',
  FLR: 'flour',
  FRSH: 'fresh',
  FRZ: 'frozen',
  FT: 'fat',
  GRD: 'grade',
  GRDS: 'grades',
  GRN: 'green',
  H2O: 'water',
  HI: 'high',
  HVY: 'heavy',
  HYDR: 'hydrogenated',
  HYDROG: 'hydrogenated',
  IMITN: 'imitation',
  INDUS: 'industrial',
  INST: 'instant',
  KRNLS: 'kernels',
  LIQ: 'liquid',
  LN: 'lean',
  LO: 'low',
  LOFAT: 'lowfat',
  LRG: 'large',
  LT: 'light',
  MT: 'meat',
  MTRE: 'mature',
  MXD: 'mixed',
  NA: 'sodium',
  OLY: 'only',
  PARBLD: 'parboiled',
  PAST: 'pasteurized',
  PDR: 'powder',
  PLN: 'plain',
  PNUT: 'peanut',
  PNUTS: 'peanuts',
  PO4: 'phosphate',
  PRECKD: 'precooked',
  PREP: 'prepared',
  PROC: 'processed',
  PROT: 'protein',
  PRTRHS: 'porterhouse',
  PSTACH: 'pistachio',
  REG: 'regular',
  RND: 'round',
  RST: 'roast',
  RSTD: 'roasted',
  RTL: 'retail',
  SD: 'seed',
  SEL: 'select',
  SHDR: 'shoulder',
  SHLDR: 'shoulder',
  SHRT: 'short',
  SKN: 'skin',
  SKNLS: 'skinless',
  SLN: 'solution',
  SML: 'small',
  SNDWCH: 'sandwich',
  SOLN: 'solution',
  SOYBN: 'soybean',
  SPL: 'special',
  STEK: 'steak',
  STK: 'steak',
  SWTND: 'sweetened',
  TSTD: 'toasted',
  UNCKD: 'uncooked',
  UNDBL: 'underblade',
  UNENR: 'unenriched',
  UNSWTND: 'unsweetened',
  VEG: 'vegetable',
  WHL: 'whole',
  YEL: 'yellow',
  YNG: 'young'
}

// Longest phrase first, so "PART HYDROG" is read before "HYDROG"; a key matches whole words only.
const KEYS = Object.keys(SR_ABBREVIATIONS).sort((a, b) => b.length - a.length)
const PATTERN = new RegExp(`(?<![A-Z0-9])(?:${KEYS.join('|')})(?![A-Z0-9])`, 'g')

/**
 * An SR28 short description in words: abbreviations spelled out, lower case but for the first letter
 * and for names the table writes capitalised, an oil or fat named as people name it ("Palm oil", "Cocoa butter"); ABBREV's runs of spaces that stand for commas read as
 * commas, and a 1/8" trim mark keeps its space ("1/8\"FAT" → "1/8\" fat").
 */
export function srDescription (short: string): string {
  const text = short.trim().replace(/\s{2,}/g, ', ').replace(/"(?=[A-Z])/g, '" ')
  const words = text.replace(PATTERN, (abbr) => `\0${SR_ABBREVIATIONS[abbr]}\0`)
  // Spelled-out words (between \0 marks) keep the table's case; every other word is lower-cased.
  const spelled = words.split('\0').map((part, i) => i % 2 === 1 ? part : part.toLowerCase()).join('')
  // SR files oils and fats under the class word ("Oil, palm"); people and FNDDS say "palm oil", and a
  // name headed by the bare class word would be the row for every "oil". A fat already named as one
  // ("Oil, cocoa butter", "Fat, beef tallow") keeps its own name alone.
  const named = spelled.replace(/^(oil|fat), ([^,(]+)/, (_, kind: string, what: string) => /(butter|tallow)$/.test(what) ? what : `${what} ${kind}`)
  return named.charAt(0).toUpperCase() + named.slice(1)
}
