/**
 * Vitest matchers for users' own policy tests: `import "@maa-policy/evaluator/vitest"` once (in a
 * test file or a setup file) and assert on an `EvaluationResult`. A subpath of its own, so the
 * evaluator core never imports vitest.
 */
import { expect } from "vitest";
import type { ClaimValue } from "@maa-policy/parser";
import type { EvaluationResult } from "./evaluate.js";

interface MatcherResult {
  pass: boolean;
  message: () => string;
}

function describeResult(result: EvaluationResult): string {
  if (result.permitted)
    return `permitted, issuing ${JSON.stringify(result.issued.map((c) => ({ [c.type]: c.value })))}`;
  return `${result.outcome}: ${result.error?.message ?? ""}`;
}

function isResult(value: unknown): value is EvaluationResult {
  return typeof value === "object" && value !== null && "outcome" in value && "issued" in value;
}

function notAResult(received: unknown): MatcherResult {
  return {
    pass: false,
    message: () => `expected an EvaluationResult (policy.evaluate(claims)), got ${typeof received}`,
  };
}

export const policyMatchers = {
  /** The policy permitted (authorization passed and nothing failed at run time). */
  toPermit(received: unknown): MatcherResult {
    if (!isResult(received)) return notAResult(received);
    return {
      pass: received.permitted,
      message: () =>
        received.permitted
          ? "expected the policy not to permit, but it permitted"
          : `expected the policy to permit, but it was ${describeResult(received)}`,
    };
  },

  /** Denied or no permit; with `message`, the PolicyEvaluationError's message exactly. */
  toDeny(received: unknown, message?: string): MatcherResult {
    if (!isResult(received)) return notAResult(received);
    const denied = received.outcome === "deny" || received.outcome === "no-permit";
    const pass = denied && (message === undefined || received.error?.message === message);
    const wanted = message === undefined ? "deny" : `deny with ${JSON.stringify(message)}`;
    return {
      pass,
      message: () =>
        pass
          ? `expected the policy not to ${wanted}, but it did`
          : `expected the policy to ${wanted}, but it was ${describeResult(received)}`,
    };
  },

  /** An outgoing claim of `type` (with `value`, when given) was issued. */
  toIssue(received: unknown, type: string, value?: ClaimValue): MatcherResult {
    if (!isResult(received)) return notAResult(received);
    const pass = received.issued.some((c) => c.type === type && (value === undefined || c.value === value));
    const wanted = value === undefined ? type : `${type} = ${JSON.stringify(value)}`;
    return {
      pass,
      message: () =>
        pass
          ? `expected ${wanted} not to be issued, but it was`
          : `expected ${wanted} to be issued, but the policy was ${describeResult(received)}`,
    };
  },
};

expect.extend(policyMatchers);

interface PolicyMatchers<R = unknown> {
  toPermit(): R;
  toDeny(message?: string): R;
  toIssue(type: string, value?: ClaimValue): R;
}

declare module "vitest" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-explicit-any -- vitest's own declaration is `Assertion<T = any>`; an augmentation must repeat it
  interface Assertion<T = any> extends PolicyMatchers<T> {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- as above
  interface AsymmetricMatchersContaining extends PolicyMatchers {}
}
