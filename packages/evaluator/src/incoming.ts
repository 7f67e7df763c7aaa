import {
  describePosition,
  jsonValueTooDeepAt,
  MAX_JSON_DEPTH,
  SERVICE_ISSUER,
  serviceError,
  valueTypeOf,
  type Claim,
  type ClaimValue,
  type Position,
  type ServiceError,
  type Result,
} from "@maa-policy/parser";
import { base64UrlDecode } from "@maa-policy/tokens/encoding";
import { formatPath, parseJson, positionOfPath, type JsonPath } from "./json-input.js";

export type ClaimsFormat = "array" | "object" | "token";

export type ClaimsResult = Result<
  { readonly claims: Claim[]; readonly format: ClaimsFormat },
  {
    /** InvalidParameter; the message names the JSON path and, for JSON text, line and column. */
    readonly error: ServiceError;
    readonly path: string | undefined;
    /** 0-based, in the JSON text (for a token, in its decoded payload). */
    readonly position: Position | undefined;
  }
>;

/** Registered JWT claims and the claims that describe the policy, not the evidence, of a token. */
const TOKEN_CLAIMS_NOT_INCOMING = new Set([
  "iss",
  "iat",
  "nbf",
  "exp",
  "jti",
  "x-ms-policy",
  "x-ms-policy-hash",
  "x-ms-policy-signer",
]);

/** Raised while converting parsed JSON; caught in `fromJson`, which turns it into a value. */
class InputError extends Error {
  constructor(
    message: string,
    readonly path: JsonPath,
  ) {
    super(message);
  }
}

/**
 * Incoming claims from (a) a JSON array of `{type, value, issuer?, valueType?}`, (b) a JSON object
 * of type to value or values, or (c) an attestation token (JWT), whose claims become the incoming
 * claims (its signature is not checked here). Never throws.
 */
export function parseClaims(text: string): ClaimsResult {
  const trimmed = text.trim();
  if (trimmed.startsWith("[") || trimmed.startsWith("{")) {
    return fromJson(text, "", jsonToClaims);
  }
  if (/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(trimmed)) return fromToken(trimmed);
  return failure(
    "expected a JSON array of claims, a JSON object of claim types to values, or an attestation token (JWT)",
    undefined,
    undefined,
  );
}

function fromToken(token: string): ClaimsResult {
  const payload = base64UrlDecode(token.split(".")[1]);
  if (!payload.ok)
    return failure(`the token's payload is not base64url: ${payload.error.message}`, undefined, undefined);
  let json: string;
  try {
    json = new TextDecoder("utf-8", { fatal: true }).decode(payload.value);
  } catch {
    return failure("the token's payload is not UTF-8", undefined, undefined);
  }
  const result = fromJson(json, "token payload ", (value) => {
    if (value === null || typeof value !== "object" || Array.isArray(value))
      throw new InputError("the token's payload must be a JSON object", []);
    const body = value as Record<string, unknown>;
    const policyClaims = body["x-ms-policy"];
    // Claims the policy issued (listed under x-ms-policy since 2022) are outputs, not evidence.
    const skip = new Set([
      ...TOKEN_CLAIMS_NOT_INCOMING,
      ...(isObject(policyClaims) ? Object.keys(policyClaims) : []),
    ]);
    return fromObject(body, skip);
  });
  return result.ok ? { ...result, format: "token" } : result;
}

/**
 * Incoming claims from JSON that is already parsed (from a YAML test file, say): forms (a) and
 * (b) of `parseClaims`. Errors name the JSON path but, without text, no line and column.
 */
export function claimsFromJson(value: unknown): ClaimsResult {
  const deep = jsonValueTooDeepAt(value);
  if (deep !== undefined)
    return failure(
      `${formatPath(deep)}: nested more than ${MAX_JSON_DEPTH} deep`,
      formatPath(deep),
      undefined,
    );
  try {
    return { ok: true, ...jsonToClaims(value) };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return failure(`${formatPath(error.path)}: ${error.message}`, formatPath(error.path), undefined);
  }
}

function jsonToClaims(value: unknown): { claims: Claim[]; format: ClaimsFormat } {
  if (Array.isArray(value)) return fromArray(value);
  if (isObject(value)) return fromObject(value, new Set());
  throw new InputError("expected a JSON array or object", []);
}

function fromJson(
  text: string,
  what: string,
  convert: (value: unknown) => { claims: Claim[]; format: ClaimsFormat },
): ClaimsResult {
  const parsed = parseJson(text);
  if (!parsed.ok) return failure(`${what}${parsed.message}`, undefined, parsed.position);
  try {
    return { ok: true, ...convert(parsed.value) };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return failure(
      `${what}${formatPath(error.path)}: ${error.message}`,
      formatPath(error.path),
      positionOfPath(text, error.path),
    );
  }
}

function failure(message: string, path: string | undefined, position: Position | undefined): ClaimsResult {
  const where = position ? ` (${describePosition(position)})` : "";
  return {
    ok: false,
    error: serviceError("InvalidParameter", `Invalid incoming claims: ${message}${where}`),
    path,
    position,
  };
}

const ENTRY_KEYS = new Set(["type", "value", "issuer", "valueType"]);

function fromArray(entries: unknown[]): { claims: Claim[]; format: ClaimsFormat } {
  const claims = entries.map((entry, i): Claim => {
    if (!isObject(entry))
      throw new InputError("each claim must be an object {type, value, issuer?, valueType?}", [i]);
    for (const key of Object.keys(entry))
      if (!ENTRY_KEYS.has(key))
        throw new InputError(`unknown property '${key}' (expected type, value, issuer, valueType)`, [i, key]);
    // Incoming claims carry the service's issuer unless the input says otherwise (spec §2.1).
    const { type, value, issuer = SERVICE_ISSUER, valueType } = entry;
    if (typeof type !== "string" || type === "")
      throw new InputError("type must be a non-empty string", [i, "type"]);
    if (!("value" in entry)) throw new InputError("value is missing", [i]);
    if (typeof issuer !== "string" || issuer === "")
      throw new InputError("issuer must be a non-empty string", [i, "issuer"]);
    const claimValue =
      isObject(value) || Array.isArray(value) ? JSON.stringify(value) : scalar(value, [i, "value"]);
    const claim = makeClaim(type, claimValue, issuer);
    if (valueType !== undefined && valueType !== claim.valueType) {
      const expected = ["String", "Integer", "Boolean"].includes(valueType as string)
        ? ""
        : " (String, Integer or Boolean)";
      throw new InputError(
        `valueType ${JSON.stringify(valueType)} does not match the ${claim.valueType} value${expected}`,
        [i, "valueType"],
      );
    }
    return claim;
  });
  return { claims, format: "array" };
}

/** Scalars are one claim; an array of scalars is several; objects and other arrays are JSON text. */
function fromObject(
  body: Record<string, unknown>,
  skip: ReadonlySet<string>,
): { claims: Claim[]; format: ClaimsFormat } {
  const claims: Claim[] = [];
  for (const [type, value] of Object.entries(body)) {
    if (skip.has(type)) continue;
    if (type === "") throw new InputError("a claim type must be non-empty", [type]);
    if (Array.isArray(value) && value.every((v) => !isObject(v) && !Array.isArray(v))) {
      value.forEach((v, i) => claims.push(makeClaim(type, scalar(v, [type, i]), SERVICE_ISSUER)));
    } else {
      claims.push(
        makeClaim(
          type,
          isObject(value) || Array.isArray(value) ? JSON.stringify(value) : scalar(value, [type]),
          SERVICE_ISSUER,
        ),
      );
    }
  }
  return { claims, format: "object" };
}

function scalar(value: unknown, path: JsonPath): ClaimValue {
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") {
    if (Number.isSafeInteger(value)) return value;
    throw new InputError(`${value} is not an integer; claim values are strings, integers or booleans`, path);
  }
  throw new InputError("null is not a claim value (strings, integers, booleans, or JSON objects)", path);
}

function makeClaim(type: string, value: ClaimValue, issuer: string): Claim {
  return { type, value, valueType: valueTypeOf(value), issuer };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
