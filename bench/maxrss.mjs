// Preloaded with `node --import <this file>` when GNU time is not installed: writes the
// process's peak resident memory (kilobytes) and CPU time (user and system seconds) to
// $DANJU_BENCH_RSS_FILE at exit, in the format bench/lib.mjs asks GNU time for.
import { writeFileSync } from "node:fs"

const file = process.env.DANJU_BENCH_RSS_FILE
if (file) {
  process.on("exit", () => {
    const usage = process.resourceUsage()
    writeFileSync(file, `${usage.maxRSS} ${usage.userCPUTime / 1e6} ${usage.systemCPUTime / 1e6}`)
  })
}
