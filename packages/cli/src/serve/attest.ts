import { randomBytes } from "node:crypto";
import { policyRejection, type Result } from "@maa-policy/parser";
import { draftToken, loadPolicy } from "@maa-policy/evaluator";
import { claimsFromEvidence, type EnclaveData } from "@maa-policy/evidence";
import {
  base64UrlDecode,
  encodeUnsecuredJws,
  serviceTokenHeader,
  signServiceToken,
} from "@maa-policy/tokens";
import { nodeEvidenceCrypto } from "../node-evidence-crypto.js";
import { failure, invalidParameter, success, type Answer } from "./answer.js";
import type { Call, ServeContext } from "./context.js";
import { policyInForce } from "./policy-in-force.js";
import { keyId, tokenTime } from "./service-tokens.js";

/** The attest calls served, and the member that holds their evidence (spec §5.1). */
const EVIDENCE = {
  SgxEnclave: { member: "quote", kind: "sgx" },
  OpenEnclave: { member: "report", kind: "openenclave" },
} as const;

/**
 * POST /attest/{SgxEnclave|OpenEnclave}: the evidence checked and turned into claims as
 * `policy-eval claims` does, evaluated under the policy in force (or the draft policy), and
 * answered with the token the service issues: signed, or unsecured for a draft policy.
 */
export async function attest(context: ServeContext, call: Call): Promise<Answer> {
  const served = Object.hasOwn(EVIDENCE, call.type ?? "")
    ? EVIDENCE[call.type as keyof typeof EVIDENCE]
    : undefined;
  if (!served)
    return invalidParameter(
      `policy-eval serve attests SgxEnclave and OpenEnclave evidence, not '${call.type}'.`,
    );
  const request = call.json;
  if (typeof request !== "object" || request === null || Array.isArray(request))
    return invalidParameter("The attestation request must be a JSON object.");
  const fields = request as Record<string, unknown>;
  const evidence = fields[served.member];
  if (typeof evidence !== "string" || evidence === "")
    return invalidParameter(`The request has no "${served.member}": the base64url evidence to attest.`);
  const runtimeData = enclaveData(fields.runtimeData, "runtimeData");
  if (!runtimeData.ok) return runtimeData.answer;
  const initTimeData = enclaveData(fields.initTimeData, "initTimeData");
  if (!initTimeData.ok) return initTimeData.answer;
  const draft = fields.draftPolicyForAttestation;
  if (draft !== undefined && typeof draft !== "string")
    return invalidParameter('"draftPolicyForAttestation" must be the policy text, a string.');

  const claims = await claimsFromEvidence({
    evidence,
    kind: served.kind,
    runtimeData: runtimeData.value,
    initTimeData: initTimeData.value,
    rootPublicKey: context.rootPublicKey,
    crypto: nodeEvidenceCrypto,
  });
  if (!claims.ok) return failure(claims.error);

  let policy;
  if (draft === undefined) {
    // The instance's state is taken once: the evaluation and the token's x-ms-policy-hash come
    // from the same policy even while another request replaces it. SgxEnclave and OpenEnclave
    // always have one (the service's default until one is set).
    policy = (await policyInForce(context.instances.get(call.prefix), call.type!))!;
  } else {
    const loaded = await loadPolicy(draft);
    if (!loaded.ok) return failure(policyRejection(loaded.analysis)!);
    policy = { text: draft, policy: loaded.policy };
  }
  const result = policy.policy.evaluate(claims.claims, { trace: false });
  const token = draftToken(result, {
    policyText: policy.text,
    now: tokenTime(),
    issuer: call.issuer,
    jti: randomBytes(32).toString("hex"),
    policySigner: policy.signer,
  });
  if (!token.ok) return failure(token.error);
  const key = keyId(call.issuer, context.signing);
  // "The attestation token generated when this field is present will be unsecured" (spec §4.6).
  const jws =
    draft === undefined
      ? await signServiceToken(token.body, key, context.signing.privateKey)
      : encodeUnsecuredJws(serviceTokenHeader("none", key), token.body);
  return success({ token: jws });
}

const DATA_TYPES: Record<string, EnclaveData["dataType"]> = { Binary: "binary", JSON: "json" };

/** `runtimeData`/`initTimeData`: `{data: base64url, dataType: "Binary" | "JSON"}`, or absent. */
function enclaveData(
  value: unknown,
  name: string,
): Result<{ value: EnclaveData | undefined }, { answer: Answer }> {
  if (value === undefined || value === null) return { ok: true, value: undefined };
  const { data, dataType } = (typeof value === "object" ? value : {}) as Record<string, unknown>;
  const type =
    typeof dataType === "string" && Object.hasOwn(DATA_TYPES, dataType) ? DATA_TYPES[dataType] : undefined;
  if (typeof data !== "string" || !type)
    return {
      ok: false,
      answer: invalidParameter(`"${name}" must be {"data": "<base64url>", "dataType": "Binary" or "JSON"}.`),
    };
  const bytes = base64UrlDecode(data);
  if (!bytes.ok)
    return { ok: false, answer: invalidParameter(`"${name}.data" is not base64url: ${bytes.error.message}`) };
  return { ok: true, value: { data: bytes.value, dataType: type } };
}
