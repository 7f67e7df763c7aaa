import type { Diagnostic, Range } from "@maa-policy/parser";
import type { CheckedFile, UnreadFile } from "./checked-file.js";
import { displayPosition } from "./display.js";

const LEVELS = { error: "error", warning: "warning", information: "note", hint: "note" } as const;

/** SARIF 2.1.0, as GitHub code scanning and other viewers read it. */
export function formatSarif(files: readonly CheckedFile[], unread: readonly UnreadFile[] = []): string {
  const codes = [...new Set(files.flatMap((f) => f.analysis.diagnostics.map((d) => d.code)))].sort();
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "policy-eval",
            informationUri: "https://github.com/maa-policy/maa-policy",
            rules: codes.map((id) => ({
              id,
              helpUri: `https://github.com/maa-policy/maa-policy/blob/main/docs/diagnostics.md#${id}`,
            })),
          },
        },
        // A file not read is a tool execution notification, so viewers do not show it as clean.
        invocations: [
          {
            executionSuccessful: unread.length === 0,
            toolExecutionNotifications: unread.map((file) => ({
              level: "error",
              message: { text: file.message },
              locations: [{ physicalLocation: { artifactLocation: { uri: file.path } } }],
            })),
          },
        ],
        results: files.flatMap((file) => file.analysis.diagnostics.map((d) => result(file.path, d))),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + "\n";
}

function result(uri: string, diagnostic: Diagnostic) {
  return {
    ruleId: diagnostic.code,
    level: LEVELS[diagnostic.severity],
    message: { text: diagnostic.hint ? `${diagnostic.message} ${diagnostic.hint}` : diagnostic.message },
    locations: [{ physicalLocation: { artifactLocation: { uri }, region: region(diagnostic.range) } }],
    ...(diagnostic.fixes?.length && {
      fixes: diagnostic.fixes.map((fix) => ({
        description: { text: fix.title },
        artifactChanges: [
          {
            artifactLocation: { uri },
            replacements: fix.edits.map((edit) => ({
              deletedRegion: region(edit.range),
              insertedContent: { text: edit.newText },
            })),
          },
        ],
      })),
    }),
  };
}

function region(range: Range) {
  const start = displayPosition(range.start);
  const end = displayPosition(range.end);
  return { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column };
}
