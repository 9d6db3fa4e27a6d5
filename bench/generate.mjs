// Seeded journal generator for the benchmarks: accounts in 2–4 levels with Chinese and
// ASCII names, 2–5 postings per entry, amounts with 2 decimals, dates out of order, now
// and then a `;` comment and an entry whose last amount is left out (the posting takes the
// balance), as hand-kept journals have. The same seed and size always give the same
// journal, so Danju, hledger and ledger-cli read identical bytes.
// Usage: node bench/generate.mjs <entries> <file> [seed]
import { createWriteStream } from "node:fs"
import { pathToFileURL } from "node:url"

/**
 * Bumped whenever the output for a given size and seed changes, so cached journals in
 * bench/.work are regenerated.
 */
export const generatorVersion = 2

/** mulberry32: a tiny deterministic PRNG (benchmarks need repeatable data, not quality). */
export const random = (seed) => {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const tops = ["assets", "liabilities", "equity", "income", "expenses", "資產", "負債", "收入", "費用"]
const words = ["bank", "cash", "現金", "銀行存款", "工商銀行", "招商銀行", "food", "伙食", "主食", "副食", "rent", "salary", "工資",
  "travel", "差旅", "office", "辦公", "tax", "稅金", "supplier", "供應商", "customer", "客戶", "fees", "利息", "grain", "軍糧", "meat", "肉類", "veg", "蔬菜"]

/**
 * The account names of a generated journal: leaves only (2–4 levels), so no account has
 * both sub-accounts and postings.
 */
export const accountsFor = (next, count) => {
  const leaves = new Set()
  const parents = new Set()
  while (leaves.size < count) {
    const depth = 2 + Math.floor(next() * 3)
    const segments = [tops[Math.floor(next() * tops.length)]]
    for (let level = 1; level < depth; level++) segments.push(`${words[Math.floor(next() * words.length)]}${level === depth - 1 ? Math.floor(next() * 20) : ""}`)
    const name = segments.join(":")
    let clash = parents.has(name)
    for (let level = 1; level < segments.length && !clash; level++) clash = leaves.has(segments.slice(0, level).join(":"))
    if (clash || leaves.has(name)) continue
    leaves.add(name)
    for (let level = 1; level < segments.length; level++) parents.add(segments.slice(0, level).join(":"))
  }
  return [...leaves]
}

const pad = (value) => String(value).padStart(2, "0")
const money = (cents) => `${cents < 0 ? "-" : ""}${Math.floor(Math.abs(cents) / 100)}.${pad(Math.abs(cents) % 100)}`

/** Writes `entries` entries to `file`; resolves with the byte count. */
export const generateJournal = (entries, file, seed = 20261127) =>
  new Promise((resolve, reject) => {
    const next = random(seed)
    const accounts = accountsFor(next, 240)
    const out = createWriteStream(file, { encoding: "utf8" })
    out.on("error", reject)
    let written = 0
    let index = 0
    const writeSome = () => {
      let ok = true
      while (ok && index < entries) {
        let text = ""
        for (let batch = 0; batch < 500 && index < entries; batch++, index++) {
          // Dates wander over three years, out of order.
          const year = 2023 + Math.floor(next() * 3)
          const date = `${year}-${pad(1 + Math.floor(next() * 12))}-${pad(1 + Math.floor(next() * 28))}`
          const postings = 2 + Math.floor(next() * 4)
          let sum = 0
          text += `${date} entry ${index + 1} 記賬\n`
          if (index % 97 === 0) text += `    ; 附件 ${index % 5} 張, checked\n`
          for (let posting = 0; posting < postings - 1; posting++) {
            const cents = Math.floor(next() * 2_000_000) - 500_000 || 1
            sum += cents
            text += `    ${accounts[Math.floor(next() * accounts.length)]}  ${money(cents)} CNY\n`
          }
          const last = accounts[Math.floor(next() * accounts.length)]
          // One entry in eight leaves its balancing amount out.
          text += next() < 0.125 ? `    ${last}\n\n` : `    ${last}  ${money(-sum)} CNY\n\n`
        }
        written += Buffer.byteLength(text)
        ok = out.write(text)
      }
      if (index < entries) out.once("drain", writeSome)
      else out.end(() => resolve(written))
    }
    writeSome()
  })

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [entries = "10000", file = "bench.journal", seed = "20261127"] = process.argv.slice(2)
  const bytes = await generateJournal(Number(entries), file, Number(seed))
  process.stderr.write(`wrote ${entries} entries (${bytes} bytes) to ${file}\n`)
}
