// Renders icon.svg to dist/icon.png (128×128), the Marketplace's icon format: the PNG is made at
// packaging time (vscode:prepublish), so no binary is kept in the repository.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { Resvg } from "@resvg/resvg-js";

const here = (path) => new URL(path, import.meta.url);
const png = new Resvg(readFileSync(here("icon.svg")), { fitTo: { mode: "width", value: 128 } })
  .render()
  .asPng();
mkdirSync(here("dist/"), { recursive: true });
writeFileSync(here("dist/icon.png"), png);
