import { VERSION } from "./version.js";

/** How an editor starts the server: one transport, as vscode-languageserver reads them from argv. */
const TRANSPORTS = /^--(stdio|node-ipc|socket=\d+|pipe=.+)$/;

export const USAGE = `Usage: maa-policy-lsp --stdio
       maa-policy-lsp --node-ipc | --socket=<port> | --pipe=<name>

The language server for Microsoft Azure Attestation policies (LSP 3.17). An editor starts it and
talks to it over the transport given; see docs/language-server.md for editor set-ups.

Options:
  -h, --help     print this help
  -V, --version  print the version
`;

/**
 * What the command line asks for: help, the version, or the server. Without a transport the
 * server cannot talk to anyone, so that is a usage error (exit 2) with the usage, not the
 * library's exception.
 */
export function commandLine(
  argv: readonly string[],
): { start: true } | { start: false; exitCode: number; stdout?: string; stderr?: string } {
  if (argv.some((arg) => arg === "--help" || arg === "-h"))
    return { start: false, exitCode: 0, stdout: USAGE };
  if (argv.some((arg) => arg === "--version" || arg === "-V" || arg === "-v"))
    return { start: false, exitCode: 0, stdout: `${VERSION}\n` };
  if (argv.some((arg) => TRANSPORTS.test(arg))) return { start: true };
  const given = argv.length === 0 ? "no transport given" : `no transport among ${argv.join(" ")}`;
  return { start: false, exitCode: 2, stderr: `maa-policy-lsp: error: ${given}\n\n${USAGE}` };
}
