#!/usr/bin/env node
// The bundle (npm run build) starts fastest; the plain tsc output is the fallback.
const { main, exitOnOutputError } = await import("../dist/bundle/policy-eval.js").catch(
  () => import("../dist/main.js"),
);

exitOnOutputError();
process.exitCode = await main(process.argv.slice(2));
