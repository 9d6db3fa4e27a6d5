/**
 * `@danju/server`: the reference server as a library, for tests and apps that embed it.
 *
 * @since 0.1.0
 */
export { Api } from "./api"
export { migrationSets, resolveDatabaseUrl } from "./database"
export { demoOperators, demoOrganisationId, seedDemo } from "./demo"
export { permissionTable, roles } from "./permissions"
export { ApiLive, appLayer, runServer, serverLayer, startServer } from "./server"
export type { ServerOptions } from "./server"
