import { NODE_CLAIMS_FILES } from "./claims-file.js";
import { EvaluationRunner } from "./evaluation-runner.js";
import type { ServerOptions } from "./server.js";

/** Evaluate on Node: claims files from disk, evaluations in worker threads running `script`. */
export function nodeServerOptions(script: URL): ServerOptions {
  return {
    files: NODE_CLAIMS_FILES,
    runner: (limits) => new EvaluationRunner({ script, ...limits }),
  };
}
