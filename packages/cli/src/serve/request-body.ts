import type { IncomingMessage } from "node:http";
import type { Result } from "@maa-policy/parser";
import { httpFailure, invalidParameter, type Answer } from "./answer.js";
import type { Route } from "./routes.js";

/** The largest body taken: a quote is a few kB and a policy rarely more than tens (docs/decisions.md). */
export const MAX_BODY_BYTES = 1024 * 1024;

const MEDIA_TYPES: Record<Route["body"], readonly string[]> = {
  json: ["application/json"],
  text: ["text/plain", "application/jwt"],
  none: [],
};

/**
 * Reads and checks a request's body: the media type the route takes (charset allowed), at most
 * MAX_BODY_BYTES, UTF-8 text, and JSON for JSON routes. Never throws; a bad body is a 4xx answer.
 */
export async function readBody(
  request: IncomingMessage,
  route: Route,
): Promise<Result<{ text: string; json: unknown }, { answer: Answer }>> {
  const declared = Number(request.headers["content-length"] ?? 0);
  if (declared > MAX_BODY_BYTES) return { ok: false, answer: tooLarge() };
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of request as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) return { ok: false, answer: tooLarge() };
      chunks.push(chunk);
    }
  } catch {
    // The client went away mid-body (or timed out): nobody is left to read the answer.
    return { ok: false, answer: httpFailure(400, "BadRequest", "The request body was cut off.", true) };
  }
  if (route.body === "none") return { ok: true, text: "", json: undefined };
  const mediaType = (request.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
  if (!MEDIA_TYPES[route.body].includes(mediaType)) {
    const expected = MEDIA_TYPES[route.body].join(" or ");
    const message = `This operation takes ${expected}, not '${mediaType || "no Content-Type"}'.`;
    return { ok: false, answer: httpFailure(415, "UnsupportedMediaType", message) };
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    return { ok: false, answer: invalidParameter("The request body is not UTF-8 text.") };
  }
  if (route.body === "text") return { ok: true, text, json: undefined };
  try {
    return { ok: true, text, json: JSON.parse(text) as unknown };
  } catch (error) {
    return {
      ok: false,
      answer: invalidParameter(`The request body is not JSON: ${(error as Error).message}`),
    };
  }
}

const tooLarge = () =>
  httpFailure(413, "RequestEntityTooLarge", `The request body is larger than ${MAX_BODY_BYTES} bytes.`, true);
