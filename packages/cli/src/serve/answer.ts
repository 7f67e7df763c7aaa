import { restErrorBody, serviceError, type ServiceError } from "@maa-policy/parser";

/** What a handler answers: a status, a JSON body, and the error code for the request log. */
export interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly code?: string;
  /** Close the connection after answering (a body too large to read to its end). */
  readonly close?: boolean;
}

/** Success is exactly HTTP 200 with a JSON body: the client refuses anything else (sdk-wire §2.2). */
export const success = (body: unknown): Answer => ({ status: 200, body });

/** A service error as the service sends it: its status and the REST error body. */
export const failure = (error: ServiceError): Answer => ({
  status: error.status,
  body: restErrorBody(error),
  code: error.code,
});

export const invalidParameter = (message: string): Answer =>
  failure(serviceError("InvalidParameter", message));

/**
 * Errors of HTTP itself (unknown path, wrong method or media type, a body too large), which the
 * service's own code never sees: the REST error body with the HTTP reason as the code.
 */
export const httpFailure = (status: number, code: string, message: string, close = false): Answer => ({
  status,
  body: { error: { code, message } },
  code,
  close,
});
