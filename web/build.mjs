// node build.mjs OUTDIR: bundles src/main.js with its npm dependencies into OUTDIR/corridor-view.js
// (one minified IIFE, as report.html embeds it) and writes OUTDIR/licences.txt with the licence
// notice of every package that went into the bundle. Run by the CMake build (cmake/web.cmake).
import * as esbuild from "esbuild";
import { mkdirSync, readFileSync, writeFileSync, existsSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(process.argv[2] ?? join(here, "dist"));
mkdirSync(out, { recursive: true });

const result = await esbuild.build({
  entryPoints: [join(here, "src", "main.js")],
  bundle: true,
  format: "iife",
  minify: true,
  target: ["es2020"],
  legalComments: "none", // the notices go, whole, into licences.txt
  metafile: true,
  write: false,
  logLevel: "warning",
});
const code = result.outputFiles[0].text;
if (/<\/script/i.test(code)) throw new Error("the bundle contains </script and cannot be inlined");
writeFileSync(join(out, "corridor-view.js"), code);

// The packages whose code is in the bundle, with their licence files.
const packages = new Map();
for (const input of Object.keys(result.metafile.inputs)) {
  const m = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
  if (!m || packages.has(m[1])) continue;
  const dir = join(here, "node_modules", m[1]);
  const meta = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
  if (!file) throw new Error(`${m[1]} has no licence file to embed`);
  packages.set(m[1], `${meta.name} ${meta.version} (${meta.license})\n${meta.homepage ?? ""}\n\n` +
    readFileSync(join(dir, file), "utf8").trim());
}
const own = "corridor's page code (web/src): part of corridor, under its licence.";
writeFileSync(join(out, "licences.txt"), [own, ...packages.values()].join("\n\n----\n\n") + "\n");
console.log(`corridor-view.js: ${code.length} bytes; bundled packages: ${[...packages.keys()].join(", ") || "none"}`);
