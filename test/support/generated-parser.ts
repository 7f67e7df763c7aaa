// Every test file may parse text with a syntax error synchronously (parsePolicy, analyzePolicy,
// formatPolicy, completionContext), as the language server and `check` do once they have loaded
// the generated parser; the CLI tests that spawn the bundle check the lazy load itself.
import { loadGeneratedParser } from "@maa-policy/parser";

await loadGeneratedParser();
