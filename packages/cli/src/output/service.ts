import { restErrorBody, serviceParsingError } from "@maa-policy/parser";
import type { CheckedFile } from "./checked-file.js";

/**
 * What the service answers to an upload of each policy that its parser rejects: the message as
 * the service words it, then the HTTP 400 body on one line. Checker findings have no service text.
 */
export function formatService(files: readonly CheckedFile[]): string {
  const out: string[] = [];
  for (const file of files) {
    const error = serviceParsingError(file.analysis);
    const header = files.length > 1 ? `${file.path}:\n` : "";
    if (!error) {
      out.push(`${header}(the service's parser accepts this policy)\n`);
      continue;
    }
    out.push(`${header}${error.message}\n${JSON.stringify(restErrorBody(error))}\n`);
  }
  return out.join("\n");
}
