import type { Position, Severity } from "@maa-policy/parser";

/** The CLI's one conversion from the core's 0-based positions to what people read: 1-based. */
export function displayPosition(position: Position): { line: number; column: number } {
  return { line: position.line + 1, column: position.character + 1 };
}

export interface Style {
  severity(severity: Severity, text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const plain: Style = { severity: (_s, t) => t, dim: (t) => t, bold: (t) => t };

const SEVERITY_COLOURS: Record<Severity, string> = {
  error: "31",
  warning: "33",
  information: "36",
  hint: "36",
};
const ansi: Style = {
  severity: (s, t) => `\x1b[${SEVERITY_COLOURS[s]}m${t}\x1b[0m`,
  dim: (t) => `\x1b[2m${t}\x1b[0m`,
  bold: (t) => `\x1b[1m${t}\x1b[0m`,
};

/**
 * Node's own rule (tty `getColorDepth`), without its process warning: FORCE_COLOR
 * (force-color.org) decides when set, on a pipe too (`0` and `false` turn colour off); else
 * never with NO_COLOR (no-color.org), NODE_DISABLE_COLORS or TERM=dumb; else on a terminal.
 */
export function styleFor(stream: NodeJS.WriteStream): Style {
  const env = process.env;
  const force = env["FORCE_COLOR"];
  if (force !== undefined) return force === "0" || force === "false" ? plain : ansi;
  if (env["NO_COLOR"] || env["NODE_DISABLE_COLORS"] !== undefined || env["TERM"] === "dumb") return plain;
  return stream.isTTY ? ansi : plain;
}
