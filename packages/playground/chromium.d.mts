import type { BrowserContext } from "playwright-core";

export declare function findChromium(): string | undefined;
export declare function launch(
  executablePath: string,
  viewport?: { width: number; height: number },
): Promise<{ context: BrowserContext; close: () => Promise<void> }>;
