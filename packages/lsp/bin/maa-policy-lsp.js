#!/usr/bin/env node
// The language server over stdio: `maa-policy-lsp --stdio`. Build first (`npx tsc -b`).
import "../dist/main.js";
