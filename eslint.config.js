import js from "@eslint/js";
import tseslint from "typescript-eslint";

// The language core must run in a browser and under a future HTTPS endpoint: no editor APIs and
// no Node-only modules. Node access lives in the CLI and the language server, behind adapters.
const coreRestrictions = {
  patterns: [
    { group: ["vscode", "vscode-*", "vscode/*"], message: "The language core never imports editor code." },
    {
      group: ["node:*", "fs", "path", "crypto", "os", "child_process"],
      message: "The core stays browser-safe.",
    },
  ],
};

export default tseslint.config(
  { ignores: ["**/dist/**", "**/node_modules/**", "packages/parser/src/generated/**", "coverage/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: ["./packages/*/tsconfig.json", "./tsconfig.tests.json"],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["packages/{parser,tokens,evaluator,evidence}/src/**/*.ts"],
    rules: { "no-restricted-imports": ["error", coreRestrictions] },
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { process: "readonly", console: "readonly", performance: "readonly", URL: "readonly" },
    },
  },
);
