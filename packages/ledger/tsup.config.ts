import { defineConfig } from "tsup"

export default defineConfig({
  entry: ["src/index.ts", "src/storage/index.ts", "src/http/index.ts", "src/client.ts", "src/render/index.ts"],
  format: ["esm"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "node20.19"
})
