import { defineConfig } from "vitest/config";

// Tests import each workspace package through its "source" export condition, so they run
// against the TypeScript sources; the CLI tests spawn the built `dist/` instead.
const conditions = ["source", "module", "node", "import", "default"];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ["source"] } },
  test: {
    include: ["packages/*/test/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 20_000,
    globalSetup: ["test/support/temp-root.ts"],
    setupFiles: ["test/support/generated-parser.ts"],
  },
});
