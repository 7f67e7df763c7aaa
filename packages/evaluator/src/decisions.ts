/**
 * Every choice the evaluator makes where the spec says [UNKNOWN] (spec §1.6, §2), one switch each.
 * docs/semantics.md explains each one and names the test that pins it; change a choice here only.
 */
export const Decisions = {
  /** §2.4: run the whole authorizationrules section, then decide (deny wins), rather than stop at the first deny(). */
  stopAtFirstDeny: false,
  /** §2.2: `issue(claim=c)` keeps each bound claim's issuer (as AD FS does) instead of re-issuing it as AttestationPolicy. */
  reissueKeepsIssuer: true,
  /** §2.4: `issue` inside authorizationrules (corpus 25) behaves as in issuancerules: the claim is also outgoing. */
  issueInAuthorizationIsOutgoing: true,
  /** §2.1: permit()/deny() outside authorizationrules change nothing (issuancerules "can't be used to fail attestation"). */
  decisionsOutsideAuthorizationIgnored: true,
  /** §1.6: whether `add` of a read-only value is an error too (no: the docs forbid only issue); the added claim stays read-only. */
  addOfReadOnlyIsError: false,
  /** JMESPath queries run without the legacy (non-JSON) backtick literals of JMESPath 0.x. */
  jmesPathLegacyLiterals: false,
  /**
   * §8.1: an issued claim identical to one already issued (same type, value type and value; the
   * issuer is not compared, since the token does not carry it) is issued once. It still joins the
   * incoming set, as `add` does.
   */
  collapseIdenticalIssuedClaims: true,
} as const;

/** The default lifetime of a draft token: every recorded SGX token has exp - iat = 8 h (spec §2.7). */
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 8 * 60 * 60;
