/** Types of examples.mjs (plain JS, so that build.mjs can read the examples without a compiler). */
export type ExampleId = "sgx" | "openenclave" | "tpm" | "vbs" | "sevsnpvm" | "tdxvm" | "azureguest";
export declare const EXAMPLE_FILES: Record<ExampleId, { readonly policy: string; readonly claims: string }>;
export declare function readExamples(): Record<
  ExampleId,
  { readonly policy: string; readonly claims: string }
>;
