import t from 'tap'
import { SR_ABBREVIATIONS, srDescription } from '../../../src/advice/data/sr-words.js'

t.test('SR28 short descriptions read as words', async (t) => {
  // Each expected text spelled out by hand from the SR28 short description (NDB number first).
  const cases: Array<[string, string, string]> = [
    ['20081', 'WHEAT FLR, WHITE, ALL-PURPOSE, ENR, BLEACHED', 'Wheat flour, white, all-purpose, enriched, bleached'],
    ['05062', 'CHICKEN, BROILER OR FRYERS, BRST, SKINLESS, BNLESS, MEAT ONLY, RAW', 'Chicken, broiler or fryers, breast, skinless, boneless, meat only, raw'],
    ['19165', 'COCOA, DRY PDR, UNSWTND', 'Cocoa, dry powder, unsweetened'],
    ['18369', 'LEAVENING AGENTS, BAKING PDR, DOUBLE-ACTING, NA AL SULFATE', 'Leavening agents, baking powder, double-acting, sodium aluminum sulfate'],
    ['20444', 'RICE, WHITE, LONG-GRAIN, REG, RAW, UNENR', 'Rice, white, long-grain, regular, raw, unenriched'],
    // ABBREV writes some commas as runs of spaces.
    ['10060', 'PORK  FRSH  LOIN  TENDERLOIN   LN ONLY  RAW', 'Pork, fresh, loin, tenderloin, lean only, raw'],
    // A phrase is read before its words: "PART HYDROG" is partially hydrogenated, not "part hydrogenated".
    ['04034', 'OIL, SOYBEAN, SALAD OR COOKING, (PART HYDROG)', 'Soybean oil, salad or cooking, (partially hydrogenated)'],
    // Oils and fats are named as people name them; one already named as a fat keeps that name alone.
    ['04055', 'OIL, PALM', 'Palm oil'],
    ['04574', 'FAT, DUCK', 'Duck fat'],
    ['04037', 'OIL, RICE BRAN', 'Rice bran oil'],
    ['04501', 'OIL, COCOA BUTTER', 'Cocoa butter'],
    ['04001', 'FAT, BEEF TALLOW', 'Beef tallow'],
    // A trim mark keeps its space; an abbreviation inside a word ("SEL" in "SELECT") is left alone.
    ['13803', 'BEEF, BRISKET, WHL, LN AND FAT, 1/8"FAT, ALL GRDS, RAW', 'Beef, brisket, whole, lean and fat, 1/8" fat, all grades, raw'],
    ['(none)', 'SELECT CUTS', 'Select cuts'],
    // "GM" (gram, as in "red gram") stays: spelled out it would match the unit in "200 grams of …".
    ['16101', 'PIGEON PEAS (RED GM), MATURE SEEDS, RAW', 'Pigeon peas (red gm), mature seeds, raw'],
    // A capitalised name in the table keeps its capital.
    ['10946', 'PORK, FRSH, SHLDR, (BSTN BUTT), BLDE (STKS), LN, WITH ADDED SOLN, RAW', 'Pork, fresh, shoulder, (Boston butt), blade (stks), lean, with added solution, raw']
  ]
  for (const [ndb, short, words] of cases) t.equal(srDescription(short), words, `NDB ${ndb}`)
})

t.test('the abbreviation table: upper-case keys, spelled-out values', async (t) => {
  const keys = Object.keys(SR_ABBREVIATIONS)
  t.ok(keys.length > 50)
  t.same(keys.filter((k) => !/^[A-Z0-9][A-Z0-9 ]*$/.test(k)), [], 'keys are SR28 capitals')
  t.same(keys.filter((k) => SR_ABBREVIATIONS[k].length <= k.length), [], 'a value is longer than its abbreviation')
})
