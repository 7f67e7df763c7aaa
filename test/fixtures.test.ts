import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  analyzePolicy,
  applyEdits,
  fixAllEdits,
  renderParserException,
  restErrorBody,
  serviceParsingError,
} from "@maa-policy/parser";
import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../packages/cli/src/output/text.js";
import { printAst } from "./support/ast-printer.js";

// Each fixture is a folder holding `input.policy` and its expected `output.snap`, regenerated with
// `npx vitest -u` and reviewed as a diff. `valid/` must parse and check without a single
// diagnostic; `_error_/` holds what must fail, rendered as code frames (typescript-eslint style).
const root = join(import.meta.dirname, "fixtures");
const plain = { severity: (_s: unknown, t: string) => t, dim: (t: string) => t, bold: (t: string) => t };

function cases(group: string): string[] {
  return readdirSync(join(root, group)).sort();
}

describe("valid fixtures", () => {
  it.each(cases("valid"))("%s", async (name) => {
    const dir = join(root, "valid", name);
    const analysis = analyzePolicy(readFileSync(join(dir, "input.policy"), "utf8"));
    expect(analysis.diagnostics).toEqual([]);
    await expect(printAst(analysis.policy)).toMatchFileSnapshot(join(dir, "output.snap"));
  });
});

describe("error fixtures", () => {
  it.each(cases("_error_"))("%s", async (name) => {
    const dir = join(root, "_error_", name);
    const text = readFileSync(join(dir, "input.policy"), "utf8");
    const analysis = analyzePolicy(text);
    expect(analysis.diagnostics.length).toBeGreaterThan(0);
    const file = { path: "input.policy", analysis };
    let snapshot = analysis.diagnostics.map((d) => formatDiagnostic(file, d, plain)).join("\n");
    const service = serviceParsingError(analysis);
    if (service) snapshot += `\n--- service\n${service.message}\n${JSON.stringify(restErrorBody(service))}\n`;
    const edits = fixAllEdits(analysis.diagnostics);
    if (edits.length > 0) snapshot += `\n--- after fix all\n${applyEdits(text, edits)}\n`;
    await expect(snapshot).toMatchFileSnapshot(join(dir, "output.snap"));
  });
});

describe("service rendering", () => {
  it("words the troubleshooting guide's example exactly as the service does", () => {
    const analysis = analyzePolicy('version=1.0\n [type=="a"] => permit();');
    const error = serviceParsingError(analysis);
    expect(error?.code).toBe("PolicyParsingError");
    expect(error?.message).toBe(
      "Policy Parser Exception Thrown: Offending symbol: '['\n" +
        "Line: '2', Column: '1'\n" +
        "Failure message: 'mismatched input '[' expecting ';''\n" +
        "Failing rule: 'policy > versionInfo'",
    );
    expect(renderParserException(analysis.diagnostics[0])).toBe(error?.message);
  });

  it("wraps the message in the service's REST error body", () => {
    const error = serviceParsingError(analyzePolicy('version=1.0\n [type=="a"] => permit();'))!;
    expect(JSON.stringify(restErrorBody(error))).toBe(
      JSON.stringify({
        error: {
          code: "PolicyParsingError",
          message:
            "Attestation Enclave operation failed with 65526: Exception(0) 83FFFFF6 Invalid policy was specified    Msg:[" +
            error.message +
            '] \n\r\nUnhandled Enclave Exception: "Invalid policy was specified"\r\n',
          innererror: {
            code: "PolicyParsingError",
            message:
              "Attestation Enclave operation failed with 65526: Exception(0) 83FFFFF6 Invalid policy was specified    Msg:[" +
              error.message +
              '] \n\r\nUnhandled Enclave Exception: "Invalid policy was specified"\r\n',
          },
        },
      }),
    );
  });

  it("has nothing to say about a policy the service's parser accepts", () => {
    expect(
      serviceParsingError(analyzePolicy("version=9.9; authorizationrules{=> permit();};")),
    ).toBeUndefined();
  });
});
