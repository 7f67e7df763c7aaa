import {
  claimsFromEvidence,
  decodeEvidence,
  verificationSummary,
  type EnclaveData,
} from "@maa-policy/evidence";
import { base64UrlDecode } from "@maa-policy/tokens/encoding";
import type { EvidenceData, EvidenceOutcome, EvidenceParams } from "./protocol.js";

/**
 * `playground/evidence`: the dropped quote or report, verified with WebCrypto in the worker and
 * turned into incoming claims by the same call as `policy-eval claims`, whose `--format json`
 * text becomes the claims pane's text.
 */
export async function evidence(params: EvidenceParams): Promise<EvidenceOutcome> {
  const bytes = decodeTransported(params.evidence);
  if (!bytes) return { ok: false, message: "The evidence could not be read.", warnings: [] };
  const runtimeData = params.runtimeData && enclaveData(params.runtimeData, "runtime data");
  const initTimeData = params.initTimeData && enclaveData(params.initTimeData, "init-time data");
  for (const data of [runtimeData, initTimeData])
    if (data && "message" in data) return { ok: false, message: data.message, warnings: [] };
  const result = await claimsFromEvidence({
    evidence: bytes,
    runtimeData: runtimeData as EnclaveData | undefined,
    initTimeData: initTimeData as EnclaveData | undefined,
    now: params.now === undefined ? undefined : new Date(params.now * 1000),
  });
  if (!result.ok)
    return { ok: false, message: `${result.error.code}: ${result.error.message}`, warnings: result.warnings };
  return {
    ok: true,
    kind: result.kind,
    claimsJson: JSON.stringify(result.claims, null, 2),
    summary: verificationSummary(result.verification),
    warnings: result.warnings,
  };
}

/** As `--runtime-data <file> --data-encoding raw|base64url`. */
function enclaveData(input: EvidenceData, name: string): EnclaveData | { message: string } {
  const file = decodeTransported(input.file);
  if (!file) return { message: `The ${name} could not be read.` };
  if (input.encoding === "raw") return { data: file, dataType: input.dataType };
  const decoded = decodeEvidence(new TextDecoder().decode(file).trim());
  if (!decoded.ok)
    return { message: `The ${name}: ${decoded.error.message.replace("'evidence'", "'data'")}` };
  return { data: decoded.value.bytes, dataType: input.dataType };
}

/** The page sends file bytes as base64url; anything else is a bug of the page, not the user's. */
function decodeTransported(text: string): Uint8Array | undefined {
  const decoded = base64UrlDecode(text);
  return decoded.ok ? decoded.value : undefined;
}
