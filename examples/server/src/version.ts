import packageJson from "../package.json"

/**
 * The version of the server and CLI, from its package.json (inlined by the bundler).
 *
 * @since 0.1.0
 */
export const serverVersion: string = packageJson.version
