/** The command ids, as contributed in package.json (test/manifest.test.ts checks that both agree). */
export const COMMANDS = [
  "maaPolicy.evaluate",
  "maaPolicy.evaluatePickClaims",
  "maaPolicy.showHash",
  "maaPolicy.encodeToken",
  "maaPolicy.openTokenAsPolicy",
  "maaPolicy.format",
  "maaPolicy.setLanguage",
  "maaPolicy.showOutput",
  "maaPolicy.restartServer",
] as const;

export type CommandId = (typeof COMMANDS)[number];
