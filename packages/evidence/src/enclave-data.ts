import { sha256 } from "@noble/hashes/sha2.js";
import { equalBytes, toHex } from "./bytes.js";
import { evidenceError, fail, ok, type Result } from "./errors.js";
import { MAX_JSON_DEPTH } from "@maa-policy/parser/model";
import { readStrictJson } from "@maa-policy/parser/json";
import { serviceJsonText } from "./json-data.js";
import { BODY_FIELDS, type ReportBody } from "./report-body.js";

/** Runtime or init-time data as the attest request carries it: bytes and how to read them. */
export interface EnclaveData {
  readonly data: Uint8Array;
  readonly dataType: "binary" | "json";
}

/** JSON data gives its text (validated, then written as the service writes it); binary data gives nothing to parse. */
export type CheckedData =
  | { readonly dataType: "binary"; readonly data: Uint8Array }
  | { readonly dataType: "json"; readonly data: Uint8Array; readonly json: string };

/**
 * The quote's report data must start with SHA-256 of the runtime data (the REST API: "MAA will verify
 * that the first 32 bytes of the report_data field of the quote contains the SHA256 hash").
 */
export function checkRuntimeData(body: ReportBody, runtime: EnclaveData): Result<CheckedData> {
  const json = parseJson(runtime, "runtimeData", "runtime-data-json");
  if (!json.ok) return json;
  const digest = sha256(runtime.data);
  const bound = body.reportData.subarray(0, 32);
  if (!equalBytes(digest, bound)) {
    const detail =
      `The runtime data does not match the quote: its SHA-256 is ${toHex(digest)} ` +
      `but the first 32 bytes of the report data are ${toHex(bound)}`;
    const offset = body.offset + BODY_FIELDS.report_data;
    return fail(evidenceError("runtime-data-binding", "quote.report_body.report_data", offset, detail));
  }
  return json;
}

/**
 * Init-time data is bound through CONFIGID, which the host sets at enclave creation (KSS; the REST
 * API: "MAA will verify that the init data was known to the enclave ... invalid for CoffeeLake").
 * Which bytes of CONFIGID carry the hash is not documented: docs/decisions.md.
 */
export function checkInitTimeData(body: ReportBody, initTime: EnclaveData): Result<CheckedData> {
  const json = parseJson(initTime, "initTimeData", "init-time-data-json");
  if (!json.ok) return json;
  const digest = sha256(initTime.data);
  const bound = body.configId.subarray(0, 32);
  if (!equalBytes(digest, bound)) {
    const detail =
      `The init-time data does not match the quote: its SHA-256 is ${toHex(digest)} ` +
      `but the first 32 bytes of CONFIGID are ${toHex(bound)}`;
    const offset = body.offset + BODY_FIELDS.config_id;
    return fail(evidenceError("init-time-data-binding", "quote.report_body.config_id", offset, detail));
  }
  return json;
}

function parseJson(
  input: EnclaveData,
  field: string,
  id: "runtime-data-json" | "init-time-data-json",
): Result<CheckedData> {
  if (input.dataType === "binary") return ok({ dataType: "binary", data: input.data });
  const notJson = (message: string) => {
    const position = /position (\d+)/.exec(message);
    const offset = position ? Number(position[1]) : null;
    return fail<CheckedData>(
      evidenceError(id, field, offset, `The ${field} of type JSON is not valid JSON: ${message}`),
    );
  };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(input.data);
  } catch (error) {
    return notJson((error as Error).message);
  }
  // The one strict reader (duplicate keys allowed: the token keeps the last); the engine's own words.
  const read = readStrictJson(text);
  if (read.ok) return ok({ dataType: "json", data: input.data, json: serviceJsonText(text) });
  if (read.fault === "syntax") return notJson(read.engineMessage);
  const detail = `The ${field} of type JSON is nested more than ${MAX_JSON_DEPTH} deep.`;
  return fail(evidenceError(id, field, read.offset, detail));
}
