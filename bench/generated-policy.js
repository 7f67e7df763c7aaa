// The policy every benchmark measures: `rules` SGX issuance rules of two conditions each, the
// shape and density of real policies (about 150 bytes a rule).
function rule(i) {
  return `    c${i}:[type=="x-ms-sgx-mrsigner", issuer=="AttestationService"] && [type=="x-ms-sgx-svn", value>=${i % 7}] => issue(type="claim-${i}", value=c${i}.value);\n`;
}

export function generatedPolicy(rules) {
  let text = "version=1.2;\nauthorizationrules {\n    => permit();\n};\nissuancerules {\n";
  for (let i = 0; i < rules; i++) text += rule(i);
  return text + "};\n";
}
