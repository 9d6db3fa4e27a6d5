/**
 * Build step (run by `tsup.config.ts` after the build): writes `dist/lean.v8cache`, the
 * V8 code cache of the lean bundle (see `leanScript.ts`).
 */
import { dirname } from "node:path"
import { fileURLToPath } from "node:url"
import { writeLeanCache } from "./leanScript"

writeLeanCache(dirname(fileURLToPath(import.meta.url)))
