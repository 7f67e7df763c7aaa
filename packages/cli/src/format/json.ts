import type { CheckedFile } from "./checked-file.js";

/**
 * Machine-readable findings. Ranges keep the core's convention (0-based line and character in
 * UTF-16 units, plus offsets), the same as LSP, so tools need no conversion.
 */
export function formatJson(files: readonly CheckedFile[]): string {
  const report = files.map((file) => ({
    file: file.path,
    valid: !file.analysis.hasErrors,
    diagnostics: file.analysis.diagnostics,
  }));
  return JSON.stringify(report, null, 2) + "\n";
}
