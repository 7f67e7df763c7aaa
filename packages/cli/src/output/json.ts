import type { CheckedFile, UnreadFile } from "./checked-file.js";

/**
 * Machine-readable findings. Ranges keep the core's convention (0-based line and character in
 * UTF-16 units, plus offsets), the same as LSP, so tools need no conversion.
 */
export function formatJson(files: readonly CheckedFile[], unread: readonly UnreadFile[] = []): string {
  const report = [
    ...files.map((file) => ({
      file: file.path,
      valid: !file.analysis.hasErrors,
      attestationType: file.analysis.attestationType,
      // Each diagnostic's fixes are listed in it; those with `offerOnly` are never applied by --fix.
      diagnostics: file.analysis.diagnostics,
      ...(file.fixed && { fixed: file.fixed }),
    })),
    // A file not read is not valid, and says why instead of listing no diagnostics.
    ...unread.map((file) => ({ file: file.path, valid: false, error: file.message, diagnostics: [] })),
  ];
  return JSON.stringify(report, null, 2) + "\n";
}
