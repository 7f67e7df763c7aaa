import type { Transport } from "@codemirror/lsp-client";

/** The bundled worker's source, put in by build.mjs (esbuild `define`). */
declare const WORKER_SOURCE: string;

/**
 * The engine's Web Worker, from a Blob URL: a page opened from file:// may not start a worker
 * from a file, but may from a Blob, and the page stays one script with nothing to fetch.
 */
export function startWorker(): Worker {
  const url = URL.createObjectURL(new Blob([WORKER_SOURCE], { type: "text/javascript" }));
  return new Worker(url, { name: "maa-policy-engine" });
}

/**
 * The CodeMirror LSP client speaks JSON text; vscode-languageserver's browser reader and writer
 * post message objects. This converts between the two.
 */
export function workerTransport(worker: Worker): Transport {
  const handlers = new Set<(message: string) => void>();
  worker.addEventListener("message", (event: MessageEvent) => {
    const text = JSON.stringify(event.data);
    for (const handler of handlers) handler(text);
  });
  return {
    send: (message) => worker.postMessage(JSON.parse(message)),
    subscribe: (handler) => handlers.add(handler),
    unsubscribe: (handler) => handlers.delete(handler),
  };
}
