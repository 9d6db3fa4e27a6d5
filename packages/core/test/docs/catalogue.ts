/**
 * The error-catalogue check, shared by every package: collects the exported
 * `Schema.TaggedError` classes of a package's source and compares them with the pages of
 * `docs/errors/<package>/` and the index `docs/errors/README.md`. A package runs it with
 * one line in its own test folder:
 *
 * ```ts
 * import { describeErrorCatalogue } from "../../../core/test/docs/catalogue"
 *
 * describeErrorCatalogue("ledger")
 * ```
 *
 * The source is read as text rather than imported, so that the check sees every declared
 * error — exported from the package index or not — without running module code.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs"
import { join, relative } from "node:path"
import { fileURLToPath } from "node:url"
import { assert, describe, it } from "@effect/vitest"

/** The repository root (this file lives in packages/core/test/docs). */
export const repositoryRoot: string = fileURLToPath(new URL("../../../../", import.meta.url))

/** One tagged error found in a package's source. */
export interface CataloguedError {
  readonly tag: string
  readonly className: string
  /** Source file, relative to the repository root. */
  readonly file: string
}

/** The sections every error page has, in this order. */
export const requiredSections = [
  "## What it means",
  "## Fields",
  "## Message",
  "## How to fix",
  "## Reproducer",
  "## Tests"
] as const

// `export class X extends Schema.TaggedError<X>()("Tag", …`, also split over lines (the
// class name and the tag may each sit on their own line). Anchored at a line start so
// that JSDoc examples (` * export class …`) never count.
const taggedErrorPattern = /^export\s+class\s+(\w+)\s+extends\s+Schema\.TaggedError<\s*\1\s*>\(\)\(\s*"([^"]+)"/gm

/** The source folder of a package: `packages/<name>/src`, or `examples/<name>/src`. */
export const sourceDirectoryOf = (packageName: string): string => {
  for (const parent of ["packages", "examples"]) {
    const candidate = join(repositoryRoot, parent, packageName, "src")
    if (existsSync(candidate)) return candidate
  }
  throw new Error(`error catalogue: no packages/${packageName}/src or examples/${packageName}/src`)
}

const typeScriptFiles = (directory: string): Array<string> =>
  readdirSync(directory).sort().flatMap((name) => {
    const path = join(directory, name)
    if (statSync(path).isDirectory()) return typeScriptFiles(path)
    return name.endsWith(".ts") && !name.endsWith(".d.ts") ? [path] : []
  })

/** Every exported `Schema.TaggedError` class declared in a package's source. */
export const collectTaggedErrors = (packageName: string): ReadonlyArray<CataloguedError> =>
  typeScriptFiles(sourceDirectoryOf(packageName)).flatMap((path) =>
    [...readFileSync(path, "utf8").matchAll(taggedErrorPattern)].map((match) => ({
      className: match[1] ?? "",
      tag: match[2] ?? "",
      file: relative(repositoryRoot, path)
    }))
  )

/** Link targets of a Markdown file, normalised (`./core/X.md` → `core/X.md`, anchors dropped). */
export const markdownLinks = (text: string): ReadonlySet<string> =>
  new Set([...text.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => (match[1] ?? "").replace(/^\.\//, "").replace(/#.*$/, "")))

/** A test a page names: the file and the quoted titles (describe, test, table row). */
export interface NamedTest {
  readonly file: string
  readonly titles: ReadonlyArray<string>
}

/**
 * The tests a Markdown section names. A reference is a backticked `….test.ts` path
 * followed by the quoted titles (describe, test, table row) up to the next path; a line
 * may name several tests.
 */
export const namedTests = (page: string, heading = "## Tests"): ReadonlyArray<NamedTest> => {
  const start = page.indexOf(`${heading}\n`)
  if (start === -1) return []
  const rest = page.slice(start + heading.length + 1)
  const section = rest.split(/\n## /)[0] ?? ""
  return section.split("\n").flatMap((line) => {
    const paths = [...line.matchAll(/`([^`]+\.test\.ts)`/g)]
    return paths.map((match, index) => {
      const from = (match.index ?? 0) + match[0].length
      const to = paths[index + 1]?.index ?? line.length
      return { file: match[1] ?? "", titles: [...line.slice(from, to).matchAll(/"([^"]+)"/g)].map((title) => title[1] ?? "") }
    })
  })
}

/** The named tests that do not exist: a missing file, or a title the file does not contain. */
export const brokenReferences = (tests: ReadonlyArray<NamedTest>): ReadonlyArray<string> =>
  tests.flatMap((test) => {
    const path = join(repositoryRoot, test.file)
    if (!existsSync(path)) return [`${test.file} does not exist`]
    const text = readFileSync(path, "utf8")
    return test.titles.filter((title) => !text.includes(title)).map((title) => `${test.file} has no test titled "${title}"`)
  })

/**
 * Problems of the `## Guarantees` section of a reference page: every bullet must name at
 * least one test, and every named test must exist.
 */
export const checkGuarantees = (pagePath: string): ReadonlyArray<string> => {
  const page = readFileSync(pagePath, "utf8")
  const start = page.indexOf("## Guarantees\n")
  if (start === -1) return ["no ## Guarantees section"]
  const section = (page.slice(start + "## Guarantees\n".length).split(/\n## /)[0] ?? "")
  const bullets = section.split("\n").filter((line) => line.startsWith("- "))
  if (bullets.length === 0) return ["## Guarantees lists nothing"]
  const unproven = bullets.filter((line) => !/`[^`]+\.test\.ts`/.test(line)).map((line) => `names no test: ${line.slice(0, 80)}`)
  return [...unproven, ...brokenReferences(namedTests(page, "## Guarantees"))]
}

/** What is wrong with a package's catalogue; every list empty means it is complete. */
export interface CatalogueReport {
  readonly errors: ReadonlyArray<CataloguedError>
  /** Tags without `docs/errors/<package>/<Tag>.md`. */
  readonly missingPages: ReadonlyArray<string>
  /** Tags whose page `docs/errors/README.md` does not link. */
  readonly unlinkedPages: ReadonlyArray<string>
  /** Pages for tags the source no longer declares. */
  readonly stalePages: ReadonlyArray<string>
  /** Pages lacking the title or a required section. */
  readonly malformedPages: ReadonlyArray<string>
  /** Named tests whose file is missing or does not contain every quoted title. */
  readonly brokenTestReferences: ReadonlyArray<string>
  /** Tags whose page names no test. */
  readonly untested: ReadonlyArray<string>
}

/**
 * Checks the catalogue of one package (`"core"`, `"ledger"` …). `errorsDirectory`
 * defaults to `docs/errors`; the catalogue's own test points it elsewhere.
 */
export const checkErrorCatalogue = (
  packageName: string,
  options: { readonly errorsDirectory?: string } = {}
): CatalogueReport => {
  const errors = collectTaggedErrors(packageName)
  const errorsDirectory = options.errorsDirectory ?? join(repositoryRoot, "docs", "errors")
  const pagesDirectory = join(errorsDirectory, packageName)
  const indexPath = join(errorsDirectory, "README.md")
  const links = existsSync(indexPath) ? markdownLinks(readFileSync(indexPath, "utf8")) : new Set<string>()
  const tags = new Set(errors.map((error) => error.tag))
  const pageOf = (tag: string) => join(pagesDirectory, `${tag}.md`)

  const missingPages = errors.filter((error) => !existsSync(pageOf(error.tag))).map((error) => error.tag)
  const unlinkedPages = errors.filter((error) => !links.has(`${packageName}/${error.tag}.md`)).map((error) => error.tag)
  const stalePages = existsSync(pagesDirectory)
    ? readdirSync(pagesDirectory).filter((name) => name.endsWith(".md") && !tags.has(name.slice(0, -3))).sort()
    : []

  const malformedPages: Array<string> = []
  const brokenTestReferences: Array<string> = []
  const untested: Array<string> = []
  for (const error of errors) {
    if (!existsSync(pageOf(error.tag))) continue
    const page = readFileSync(pageOf(error.tag), "utf8")
    if (!page.startsWith(`# \`${error.tag}\`\n`)) malformedPages.push(`${error.tag}: first line must be # \`${error.tag}\``)
    let position = 0
    for (const section of requiredSections) {
      const found = page.indexOf(`\n${section}\n`, position)
      if (found === -1) malformedPages.push(`${error.tag}: missing or misplaced "${section}"`)
      else position = found
    }
    const tests = namedTests(page)
    if (tests.length === 0) untested.push(error.tag)
    brokenTestReferences.push(...brokenReferences(tests).map((problem) => `${error.tag}: ${problem}`))
  }
  return { errors, missingPages, unlinkedPages, stalePages, malformedPages, brokenTestReferences, untested }
}

/**
 * Declares the catalogue tests of a package. `untested` lists the tags whose pages may
 * name no test yet; it is compared exactly, so a new untested error fails, and so does a
 * tag that gained a test but is still listed (shrink the list).
 */
export const describeErrorCatalogue = (
  packageName: string,
  options: { readonly untested?: ReadonlyArray<string> } = {}
): void => {
  describe(`error catalogue of ${packageName}`, () => {
    const report = checkErrorCatalogue(packageName)

    it("finds the package's tagged errors", () => {
      assert.isAbove(report.errors.length, 0, `no Schema.TaggedError found in ${packageName}`)
      const tags = report.errors.map((error) => error.tag)
      assert.deepStrictEqual(tags.filter((tag, index) => tags.indexOf(tag) !== index), [], "tags declared twice")
    })

    it(`has a page docs/errors/${packageName}/<Tag>.md for every error`, () => {
      assert.deepStrictEqual(report.missingPages, [])
    })

    it("links every page from docs/errors/README.md", () => {
      assert.deepStrictEqual(report.unlinkedPages, [])
    })

    it("has no page for an error that no longer exists", () => {
      assert.deepStrictEqual(report.stalePages, [])
    })

    it("gives every page its title and sections in order", () => {
      assert.deepStrictEqual(report.malformedPages, [])
    })

    it("names only tests that exist", () => {
      assert.deepStrictEqual(report.brokenTestReferences, [])
    })

    it("names a test on every page except the known untested ones", () => {
      assert.deepStrictEqual([...report.untested].sort(), [...(options.untested ?? [])].sort())
    })
  })
}
