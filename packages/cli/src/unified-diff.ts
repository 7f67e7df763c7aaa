import { createTwoFilesPatch } from "diff";

/**
 * `fmt --diff`: the change as a unified diff with the file's name on both sides, as `ruff format
 * --diff` and `gofmt -d` print it, so `git apply` and `patch -p0` take it.
 */
export function unifiedDiff(name: string, before: string, after: string): string {
  return createTwoFilesPatch(name, name, before, after, undefined, undefined, {
    context: 3,
    headerOptions: { includeIndex: false, includeUnderline: false, includeFileHeaders: true },
  });
}
