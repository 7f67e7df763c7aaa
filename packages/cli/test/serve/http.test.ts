import { restErrorBody, serviceError, type ServiceErrorCode } from "@maa-policy/parser";
import { SGX_DEFAULT_POLICY } from "@maa-policy/evaluator";
import fc from "fast-check";
import { connect } from "node:tls";
import { afterAll, describe, expect, it } from "vitest";
import { MAX_BODY_BYTES } from "../../src/serve/request-body.js";
import { raw, startProvider } from "./fixture.js";
import { quote, ROOT_PUBLIC_KEY } from "./evidence.js";

// What the official client never sends: every bad request gets a 4xx REST error body, never a 5xx.
const provider = await startProvider({ rootPublicKey: ROOT_PUBLIC_KEY });
afterAll(() => provider.stop());
const V = "?api-version=2020-10-01";
const JSON_TYPE = { "content-type": "application/json" };
const TEXT_TYPE = { "content-type": "text/plain" };
const quoteText = Buffer.from(await quote()).toString("base64url");
const service = (code: ServiceErrorCode, message: string) => restErrorBody(serviceError(code, message));
const http = (code: string, message: string) => ({ error: { code, message } });
const jsonError = (text: string) => {
  try {
    JSON.parse(text);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("valid JSON");
};

const cases: [
  string,
  string,
  string,
  string | Buffer | undefined,
  Record<string, string>,
  number,
  unknown,
][] = [
  [
    "an unknown path",
    "GET",
    "/nothing",
    undefined,
    {},
    404,
    http("NotFound", "No operation is served at /nothing."),
  ],
  [
    "an instance prefix whose file name would pass 255 bytes (each / is %2F in it)",
    "PUT",
    `${"/ab".repeat(66)}/policies/SgxEnclave${V}`,
    "x",
    { "content-type": "text/plain" },
    404,
    http("NotFound", `No operation is served at ${"/ab".repeat(66)}/policies/SgxEnclave.`),
  ],
  [
    "a known path, another method",
    "DELETE",
    `/policies/SgxEnclave${V}`,
    undefined,
    {},
    405,
    http("MethodNotAllowed", "DELETE is not an operation of /policies/SgxEnclave."),
  ],
  [
    "no api-version",
    "GET",
    "/policies/SgxEnclave",
    undefined,
    {},
    400,
    http("MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required."),
  ],
  [
    "the 2018 preview api-version",
    "GET",
    "/policies/SgxEnclave?api-version=2018-09-01-preview",
    undefined,
    {},
    400,
    http(
      "InvalidApiVersionParameter",
      "The api-version '2018-09-01-preview' is not supported: use 2020-10-01 or later.",
    ),
  ],
  [
    "attest as text/plain",
    "POST",
    `/attest/SgxEnclave${V}`,
    "{}",
    TEXT_TYPE,
    415,
    http("UnsupportedMediaType", "This operation takes application/json, not 'text/plain'."),
  ],
  [
    "attest with malformed JSON",
    "POST",
    `/attest/SgxEnclave${V}`,
    '{"quote":',
    JSON_TYPE,
    400,
    service("InvalidParameter", `The request body is not JSON: ${jsonError('{"quote":')}`),
  ],
  [
    "attest with a JSON array",
    "POST",
    `/attest/SgxEnclave${V}`,
    "[]",
    JSON_TYPE,
    400,
    service("InvalidParameter", "The attestation request must be a JSON object."),
  ],
  [
    "attest without the evidence",
    "POST",
    `/attest/OpenEnclave${V}`,
    '{"quote":"AAAA"}',
    JSON_TYPE,
    400,
    service("InvalidParameter", 'The request has no "report": the base64url evidence to attest.'),
  ],
  [
    "attest with an unknown dataType",
    "POST",
    `/attest/SgxEnclave${V}`,
    JSON.stringify({ quote: quoteText, runtimeData: { data: "AA", dataType: "Text" } }),
    JSON_TYPE,
    400,
    service(
      "InvalidParameter",
      '"runtimeData" must be {"data": "<base64url>", "dataType": "Binary" or "JSON"}.',
    ),
  ],
  [
    "attest with runtime data that is not base64url",
    "POST",
    `/attest/SgxEnclave${V}`,
    JSON.stringify({ quote: quoteText, runtimeData: { data: "a b", dataType: "Binary" } }),
    JSON_TYPE,
    400,
    service("InvalidParameter", `"runtimeData.data" is not base64url: Unknown base64 character: 32 (' ')`),
  ],
  [
    "attest of a type not served",
    "POST",
    `/attest/Tpm${V}`,
    "{}",
    JSON_TYPE,
    400,
    service("InvalidParameter", "policy-eval serve attests SgxEnclave and OpenEnclave evidence, not 'Tpm'."),
  ],
  [
    "a policy text sent where a token is expected (troubleshooting, InvalidOperation)",
    "PUT",
    `/policies/SgxEnclave${V}`,
    SGX_DEFAULT_POLICY,
    TEXT_TYPE,
    400,
    service("InvalidOperation", "Unknown base64 character: 41 (')')"),
  ],
  [
    "a policy of an unknown type",
    "PUT",
    `/policies/Sgx${V}`,
    "e30.e30.",
    TEXT_TYPE,
    400,
    service(
      "InvalidParameter",
      "Unknown attestation type 'Sgx': the types are SgxEnclave, OpenEnclave, Tpm, SevSnpVm, TdxVm, AzureGuest.",
    ),
  ],
  [
    "a policy as JSON",
    "PUT",
    `/policies/SgxEnclave${V}`,
    '"e30.e30."',
    JSON_TYPE,
    415,
    http(
      "UnsupportedMediaType",
      "This operation takes text/plain or application/jwt, not 'application/json'.",
    ),
  ],
  [
    "a policy that is not UTF-8",
    "PUT",
    `/policies/SgxEnclave${V}`,
    Buffer.from([0xff, 0xfe]),
    TEXT_TYPE,
    400,
    service("InvalidParameter", "The request body is not UTF-8 text."),
  ],
  [
    "a body over the limit",
    "PUT",
    `/policies/SgxEnclave${V}`,
    Buffer.alloc(MAX_BODY_BYTES + 1, 0x61),
    TEXT_TYPE,
    413,
    http("RequestEntityTooLarge", `The request body is larger than ${MAX_BODY_BYTES} bytes.`),
  ],
];

describe("bad requests over raw HTTPS", () => {
  it.each(cases)("%s", async (_name, method, path, body, headers, status, expected) => {
    const answer = await raw(provider, method, path, body, headers);
    expect([answer.status, answer.contentType, JSON.parse(answer.body)]).toEqual([
      status,
      "application/json; charset=utf-8",
      expected,
    ]);
  });

  it("JSON runtime data that is not JSON is a 4xx (the client does not check it)", async () => {
    const body = JSON.stringify({ quote: quoteText, runtimeData: { data: "bm90IGpzb24", dataType: "JSON" } });
    const answer = await raw(provider, "POST", `/attest/SgxEnclave${V}`, body, JSON_TYPE);
    expect([answer.status, (JSON.parse(answer.body) as { error: { code: string } }).error.code]).toEqual([
      400,
      "InvalidParameter",
    ]);
  });

  /** Raw bytes over TLS: for what no HTTP client sends. */
  const exchange = (text: string, close: boolean) =>
    new Promise<string>((resolve, reject) => {
      const socket = connect({ host: "localhost", port: provider.serving.port, ca: provider.ca }, () => {
        socket.write(text);
        if (close) socket.destroy();
      });
      let received = "";
      socket.on("data", (chunk: Buffer) => (received += chunk.toString()));
      socket.on("close", () => resolve(received));
      socket.on("error", reject);
    });

  it("a request target that is not a URL path: 400, and the server goes on", async () => {
    const answer = await exchange(
      "GET http://[ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
      false,
    );
    expect(answer.split("\r\n")[0]).toBe("HTTP/1.1 400 Bad Request");
    expect(
      answer.endsWith('{"error":{"code":"BadRequest","message":"The request target is not a URL path."}}'),
    ).toBe(true);
    expect((await raw(provider, "GET", "/certs")).status).toBe(200);
  });

  it("an HTTP/1.0 request without Host: the instance URL is localhost and the port taken", async () => {
    const answer = await exchange("GET /.well-known/openid-configuration HTTP/1.0\r\n\r\n", false);
    expect(answer).toContain(`"issuer":"https://localhost:${provider.serving.port}"`);
  });

  it("a client that leaves mid-body does not take the server down", async () => {
    const head = `PUT /policies/SgxEnclave${V} HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n`;
    expect(await exchange(`${head}eyJhbGciOi`, true)).toBe("");
    expect((await raw(provider, "GET", "/certs")).status).toBe(200);
  });

  it("later api-versions are taken", async () => {
    for (const version of ["2022-08-01", "2025-06-01", "2026-03-11-preview"])
      expect((await raw(provider, "GET", `/policies/SgxEnclave?api-version=${version}`)).status).toBe(200);
  });

  it("any body, any media type, any route: a token or a 4xx JSON error body, never a 5xx", async () => {
    const routes = [
      `/attest/SgxEnclave${V}`,
      `/attest/OpenEnclave${V}`,
      `/policies/SgxEnclave${V}`,
      `/certificates:add${V}`,
    ];
    const bodies = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.json({ maxDepth: 4 }),
      fc
        .record({ quote: fc.oneof(fc.string(), fc.constant(quoteText)), runtimeData: fc.anything() })
        .map((value) => JSON.stringify(value)),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        bodies,
        fc.constantFrom("application/json", "text/plain", "application/octet-stream"),
        async (route, body, type) => {
          const method = route.startsWith("/policies") ? "PUT" : "POST";
          const answer = await raw(provider, method, route, body, { "content-type": type });
          const parsed = JSON.parse(answer.body) as {
            token?: unknown;
            error?: { code?: unknown; message?: unknown };
          };
          // A well-formed attest of the test quote succeeds; everything else is a 4xx error body.
          if (answer.status === 200) expect(typeof parsed.token).toBe("string");
          else
            expect([
              answer.status >= 400 && answer.status < 500,
              typeof parsed.error?.code,
              typeof parsed.error?.message,
            ]).toEqual([true, "string", "string"]);
        },
      ),
      { numRuns: 60 },
    );
  });
});
