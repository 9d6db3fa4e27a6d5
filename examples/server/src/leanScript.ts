/**
 * Loads the lean path's bundle (`dist/lean.cjs`, built from `lean.ts`) with a V8 code
 * cache. Most of a report command's time used to be compiling and initialising ~2.6 MB
 * of JavaScript; Node 20 has no compile cache for ES modules (`module.enableCompileCache`
 * is Node 22), but `vm.Script` takes V8 cached data for a CommonJS-style script. The
 * cache (`dist/lean.v8cache`) is written once by the build (`leanCache.ts`), after the
 * bundle's module initialisers ran, so it holds their compiled code too; the command
 * itself writes nothing. A missing cache, or one V8 rejects (another Node version or V8
 * flags), only costs time: the script compiles from source.
 *
 * @since 0.1.0
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import { Script } from "node:vm"
import type { LeanInvocation } from "./leanArgs"

/**
 * The lean bundle's exports.
 *
 * @since 0.1.0
 */
export interface LeanModule {
  readonly runLean: (invocation: LeanInvocation) => void
}

const bundleName = "lean.cjs"
const cacheName = "lean.v8cache"

/**
 * Whether `directory` (the built `dist/`) holds the lean bundle.
 *
 * @since 0.1.0
 */
export const hasLeanBundle = (directory: string): boolean => existsSync(join(directory, bundleName))

// The CommonJS wrapper, so the bundle runs as Node would run it as a module.
const compile = (directory: string, cachedData: Buffer | undefined) => {
  const filename = join(directory, bundleName)
  const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(filename, "utf8")}\n})`
  return { filename, script: new Script(source, { filename, ...(cachedData === undefined ? {} : { cachedData }) }) }
}

const evaluate = ({ filename, script }: ReturnType<typeof compile>): LeanModule => {
  const module = { exports: {} as LeanModule }
  const wrapper = script.runInThisContext() as (...args: ReadonlyArray<unknown>) => void
  wrapper.call(module.exports, module.exports, createRequire(filename), module, filename, dirname(filename))
  return module.exports
}

/**
 * How the lean bundle was compiled: from its code cache, from source because V8 rejected
 * the cache (another Node version or V8 flags), or from source because there is none.
 *
 * @since 0.1.0
 */
export type LeanCacheUse = "accepted" | "rejected" | "missing"

/**
 * Loads the lean bundle of `directory`, with its code cache when there is one.
 *
 * @since 0.1.0
 */
export const loadLean = (directory: string): { readonly lean: LeanModule; readonly cache: LeanCacheUse } => {
  const cacheFile = join(directory, cacheName)
  const cachedData = existsSync(cacheFile) ? readFileSync(cacheFile) : undefined
  const compiled = compile(directory, cachedData)
  const cache = cachedData === undefined ? "missing" : compiled.script.cachedDataRejected === true ? "rejected" : "accepted"
  return { lean: evaluate(compiled), cache }
}

/**
 * Build step: loads the lean bundle of `directory` (running its module initialisers, not
 * a command) and writes its code cache next to it.
 *
 * @since 0.1.0
 */
export const writeLeanCache = (directory: string): void => {
  const compiled = compile(directory, undefined)
  evaluate(compiled)
  writeFileSync(join(directory, cacheName), compiled.script.createCachedData())
}
