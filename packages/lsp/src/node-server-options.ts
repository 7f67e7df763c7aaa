import { NODE_CLAIMS_FILES } from "./claims-file.js";
import { EvaluationRunner } from "./evaluation-runner.js";
import { findNodeProjectConfig } from "./node-project.js";
import type { ServerOptions } from "./server.js";

/** On Node: claims files and project configs from disk, evaluations in worker threads running `script`. */
export function nodeServerOptions(script: URL): ServerOptions {
  return {
    files: NODE_CLAIMS_FILES,
    projectConfig: findNodeProjectConfig,
    runner: (limits) => new EvaluationRunner({ script, ...limits }),
  };
}
