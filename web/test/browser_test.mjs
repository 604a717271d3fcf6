// The interactive report used as an analyst uses it, in Debian's chromium driven by
// playwright-core (no browser download): open report.html from disk, search a lead, check the
// panel's evidence paths against `corridor explain`, move the date brush and see ties leave the
// view, sort a table, click a lead row. Fails on any page error, console error or request that is
// not file:, data: or blob:. Exit 77 (skipped) when playwright-core or chromium is missing or the
// build has no interactive view.
//
//   node web/test/browser_test.mjs --corridor build/corridor --case examples/data/sample-case --work /tmp/x
// With SCREENSHOTS=DIR it also saves DIR/report-overview.png and DIR/report-lead.png (the
// README's pictures).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";

const SKIP = 77;
const args = Object.fromEntries(process.argv.slice(2).reduce((out, a, i, all) =>
  (a.startsWith("--") ? [...out, [a.slice(2), all[i + 1]]] : out), []));
for (const need of ["corridor", "case", "work"])
  if (!args[need]) { console.error(`browser_test: --${need} is required`); process.exit(2); }

let chromium;
try {
  ({ chromium } = createRequire(import.meta.url)("playwright-core"));
} catch {
  console.log("SKIPPED: playwright-core is not installed (run `npm ci` in web/, as scripts/install-deps.sh does)");
  process.exit(SKIP);
}
const browserPath = process.env.CHROMIUM ?? "/usr/bin/chromium";
if (!existsSync(browserPath)) {
  console.log(`SKIPPED: no chromium at ${browserPath} (apt-get install chromium)`);
  process.exit(SKIP);
}

let passed = 0, failed = 0;
function check(ok, what) {
  if (ok) { ++passed; return; }
  ++failed;
  console.log(`FAILED: ${what}`);
}

const work = resolve(args.work);
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const corridor = (...a) => execFileSync(resolve(args.corridor), a, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
corridor("analyze", args.case, "--out", `${work}/report`, "--quiet");
const html = `${work}/report/report.html`;

const browser = await chromium.launch({
  executablePath: browserPath,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"],
});
const problems = [];
async function open(file) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console error: ${m.text()}`); });
  page.on("dialog", (d) => { problems.push(`a dialog opened: ${d.message()}`); d.dismiss(); });
  page.on("request", (r) => {
    if (!/^(file|data|blob):/.test(r.url())) problems.push(`request to ${r.url()}`);
  });
  await page.goto("file://" + file);
  return page;
}
try {
  const page = await open(html);
  if ((await page.locator("#corridor-data").count()) === 0) {
    console.log("SKIPPED: this build of corridor has no interactive view (configure with web/node_modules)");
    process.exitCode = SKIP;
  } else {
    await page.waitForSelector("body[data-ready='1']", { timeout: 20000 });
    await useThePage(page);
    await injection();
  }
} finally {
  await browser.close();
}
if (process.exitCode !== SKIP) {
  for (const p of problems) check(false, p);
  console.log(`${passed} passed, ${failed} failed`);
  if (failed) process.exitCode = 1;
  else rmSync(work, { recursive: true, force: true });
}

async function tiesOnScreen(page) {
  return Number(await page.locator("#status").getAttribute("data-ties"));
}

async function useThePage(page) {
  const shots = process.env.SCREENSHOTS;
  if (shots) await page.locator("#explore").screenshot({ path: `${shots}/report-overview.png` });
  // 1. the first lead of the table that is not a seed, found with the search box
  const rows = page.locator("#leads-table tbody tr");
  const n = await rows.count();
  let id = null;
  for (let i = 0; i < n && !id; ++i) {
    const cells = await rows.nth(i).locator("td").allTextContents();
    if (cells[5].trim() === "") id = cells[1].trim();
  }
  check(id !== null, "the leads table lists a lead that is not a seed");
  await page.fill("#search", id);
  await page.press("#search", "Enter");
  await page.waitForSelector("#panel h3");
  check((await page.textContent("#panel h3")).includes(id), `the panel shows ${id} after searching for it`);

  // 2. its evidence paths: the ones `corridor explain` lists, in its order
  const paths = (await page.locator("#paths .path").allTextContents()).map((t) => t.trim());
  const explain = corridor("explain", args.case, "--id", id, "--k", String(paths.length || 3));
  const listed = explain.split("\n").filter((l) => /^\s*\d+\.\s/.test(l));
  check(paths.length > 0, `the panel of ${id} shows evidence paths`);
  check(paths.length === listed.length, `the panel shows ${paths.length} paths, explain lists ${listed.length}`);
  paths.forEach((p, k) => check(listed[k]?.includes(p), `path ${k + 1} of the panel "${p}" is explain's "${listed[k]}"`));
  const evidence = await page.locator("#paths .ev").allTextContents();
  check(evidence.length >= paths.length, "every path names the evidence behind its ties");
  check(evidence.every((e) => /grade .*, date .*, source /.test(e)), "each piece of evidence has grade, date and source");

  // 3. the date brush: drag over part of the timeline and ties leave the view; a click clears it
  const before = await tiesOnScreen(page);
  await page.locator("#timeline canvas").scrollIntoViewIfNeeded();
  const box = await page.locator("#timeline canvas").boundingBox();
  await page.mouse.move(box.x + box.width * 0.1, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  const during = await tiesOnScreen(page);
  check(during < before, `a date window leaves fewer ties on screen (${during} of ${before})`);
  check((await page.textContent("#status")).includes("evidence dated"), "the status line names the date window");
  await page.mouse.click(box.x + box.width * 0.5, box.y + box.height / 2);
  check((await tiesOnScreen(page)) === before, "a click on the timeline brings every tie back");

  // 4. sort the leads table by score, ascending then descending
  const scores = async () => (await page.locator("#leads-table tbody tr td:nth-child(5)").allTextContents()).map(Number);
  const header = page.locator("#leads-table thead th", { hasText: "Score" });
  await header.click();
  const up = await scores();
  check(up.every((x, i) => i === 0 || up[i - 1] <= x), "a click on Score sorts the leads ascending");
  await header.click();
  const down = await scores();
  check(down.every((x, i) => i === 0 || down[i - 1] >= x), "a second click sorts them descending");

  // 5. a lead row focuses its node
  const row = page.locator("#leads-table tbody tr[data-node]").nth(2);
  const rowId = (await row.locator("td").nth(1).textContent()).trim();
  await row.click();
  check((await page.textContent("#panel h3")).includes(rowId), `clicking the row of ${rowId} opens its panel`);

  // 6. a migrant found by search sits in a group: expanding the group brings its members
  // (the best-ranked matches may be drawn on their own, as leads or key players: take the first
  // match the page shows inside a group)
  await page.fill("#search", "M00");
  await page.press("#search", "Enter");
  const others = page.locator("#search-results button");
  for (let k = 0, n = await others.count(); k < n && (await page.locator("#expand-its-group").count()) === 0; ++k)
    await others.nth(k).click();
  await page.waitForSelector("#expand-its-group", { timeout: 5000 });
  const shown = Number(await page.locator("#status").getAttribute("data-nodes"));
  await page.click("#expand-its-group");
  const expanded = Number(await page.locator("#status").getAttribute("data-nodes"));
  check(expanded > shown, `expanding a migrant's group shows its members (${expanded} nodes, were ${shown})`);
  await page.click("#reset");

  // 7. filters: hiding migrants leaves fewer nodes on screen
  const nodes = Number(await page.locator("#status").getAttribute("data-nodes"));
  await page.locator("#kind-filter input[value='migrant']").uncheck();
  const fewer = Number(await page.locator("#status").getAttribute("data-nodes"));
  check(fewer < nodes, `hiding migrants leaves fewer nodes on screen (${fewer} of ${nodes})`);
  if (shots) {
    await page.locator("#kind-filter input[value='migrant']").check();
    await page.fill("#search", id);
    await page.press("#search", "Enter");
    await page.waitForTimeout(400);
    await page.locator("#explore").scrollIntoViewIfNeeded();
    await page.locator("#explore").screenshot({ path: `${shots}/report-lead.png` });
  }
}

// A case whose ids, labels and source references try to be markup or code: the page must show
// them as text, run nothing, and show a right-to-left override as a visible code.
async function injection() {
  const dir = `${work}/injection-case`;
  mkdirSync(dir, { recursive: true });
  const rlo = "\u202e";
  writeFileSync(`${dir}/nodes.csv`, [
    "id,kind,label",
    `"</script><script>alert(1)</script>",smuggler,"<img src=x onerror=alert(2)>"`,
    "O1,organization,javascript:alert(3)",
    `M1,migrant,gpj.${rlo}exe`,
    `"<svg onload=alert(4)>",person,"</title><b>bold</b>"`,
  ].join("\n") + "\n");
  writeFileSync(`${dir}/edges.csv`, [
    "source,target,relation,grade,time,source_ref",
    `"</script><script>alert(1)</script>",O1,member_of,B2,2021-01-02,"<!--"`,
    `M1,"</script><script>alert(1)</script>",smuggled,B2,2021-02-03,R1`,
    `"<svg onload=alert(4)>",O1,financed,A1,2021-03-04,"javascript:alert(5)"`,
  ].join("\n") + "\n");
  writeFileSync(`${dir}/seeds.csv`, "id,confidence\nO1,1\n");
  corridor("analyze", dir, "--out", `${work}/injection-report`, "--quiet");
  const page = await open(`${work}/injection-report/report.html`);
  await page.waitForSelector("body[data-ready='1']", { timeout: 20000 });
  check((await page.locator("img, svg[onload], [onerror], [onload]").count()) === 0, "no element comes from the case");
  await page.fill("#search", "M1");
  await page.press("#search", "Enter");
  const title = await page.textContent("#panel h3");
  check(title.includes("gpj.[U+202E]exe") && !title.includes(rlo), `the override shows as a code: "${title}"`);
  await page.fill("#search", "<svg onload=alert(4)>");
  await page.press("#search", "Enter");
  const panel = await page.textContent("#panel");
  check(panel.includes("</title><b>bold</b>") && panel.includes("<svg onload=alert(4)>"), "markup in the case reads as text");
  check(panel.includes("javascript:alert(5)"), "a javascript: source reference reads as text");
  check((await page.locator("#panel a, #panel b").count()) === 0, "the panel holds no link or markup from the case");
  const rows = await page.locator("#leads-table tbody").textContent();
  check(rows.includes("</script><script>alert(1)</script>"), "the leads table shows the </script> id as text");
}
