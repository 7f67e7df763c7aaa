// The policy every benchmark measures: `rules` SGX issuance rules of two conditions each, the
// shape and density of real policies (about 150 bytes a rule).
function rule(i) {
  return `    c${i}:[type=="x-ms-sgx-mrsigner", issuer=="AttestationService"] && [type=="x-ms-sgx-svn", value>=${i % 7}] => issue(type="claim-${i}", value=c${i}.value);\n`;
}

/**
 * Joined, not concatenated: text read from a file or an editor is one flat string, while `+=`
 * builds a rope of pieces that every character read has to walk through.
 */
export function generatedPolicy(rules) {
  const parts = ["version=1.2;\nauthorizationrules {\n    => permit();\n};\nissuancerules {\n"];
  for (let i = 0; i < rules; i++) parts.push(rule(i));
  parts.push("};\n");
  return parts.join("");
}
