// The report page in headless chromium (Debian's, driven by playwright-core from web/): its size
// and how soon the view is interactive, for `benchmarks/run.sh`. Prints one CSV line:
//   name,bytes,ready_ms,search_ms,filter_ms,nodes_in_view,ties_in_view
// ready_ms: from navigation start to the first frame after the view is drawn and wired (the
// page's performance mark corridor:ready), median of --repeat fresh loads; search_ms: typing a
// lead's id and pressing Enter until its panel shows; filter_ms: choosing the largest community
// in the community filter until the status line has changed.
//   node benchmarks/page_bench.mjs --report out/report/report.html --name sample [--repeat 3]
import { statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = Object.fromEntries(process.argv.slice(2).reduce((out, a, i, all) =>
  (a.startsWith("--") ? [...out, [a.slice(2), all[i + 1]]] : out), []));
const file = resolve(args.report);
const repeat = Number(args.repeat ?? 3);
let chromium;
try {
  ({ chromium } = createRequire(join(root, "web", "package.json"))("playwright-core"));
} catch {
  console.error("page_bench: playwright-core is not installed (npm ci in web/)");
  process.exit(3);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"],
});
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ready = [], search = [], filter = [];
let nodes = 0, ties = 0;
try {
  for (let k = 0; k < repeat; ++k) {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto("file://" + file);
    if ((await page.locator("#corridor-data").count()) === 0) {
      console.error("page_bench: the report has no interactive view");
      process.exit(3);
    }
    await page.waitForSelector("body[data-ready='1']", { timeout: 120000 });
    ready.push(await page.evaluate(() => performance.getEntriesByName("corridor:ready")[0].startTime));
    const status = await page.locator("#status").textContent();
    [nodes, ties] = (status.match(/\((\d+) nodes and (\d+) ties in this view/) ?? [0, 0, 0]).slice(1).map(Number);
    const id = (await page.locator("#leads-table tbody tr td:nth-child(2)").first().textContent()).trim();
    let t0 = Date.now();
    await page.fill("#search", id);
    await page.press("#search", "Enter");
    await page.waitForFunction((x) => document.querySelector("#panel h3")?.textContent.includes(x), id);
    search.push(Date.now() - t0);
    const before = await page.locator("#status").getAttribute("data-nodes");
    t0 = Date.now();
    await page.selectOption("#community-filter", { index: 1 });
    await page.waitForFunction((b) => document.querySelector("#status").dataset.nodes !== b, before);
    filter.push(Date.now() - t0);
    await page.close();
  }
} finally {
  await browser.close();
}
console.log([args.name ?? "report", statSync(file).size, Math.round(median(ready)), median(search), median(filter),
  nodes, ties].join(","));
