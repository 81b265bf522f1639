// Drives the pages `signpost publish` wrote in Debian's headless Chromium (tests/publish.rs
// runs it): every answer path by its address, a dozen walks by clicking (with Back, Change and
// a missing answer), axe-core on a question, an outcome, an error and the page without a
// script, every outcome without a script, screenshots, and a page made from hostile text.
//
// node walk.mjs SITE_DIR EXPECTED_JSON ARTEFACT_DIR
// EXPECTED_JSON is written by tests/publish.rs from `signpost ask --answer … --format json`.
import { chromium } from "playwright-core";
import { readFileSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { createRequire } from "node:module";

const [site, expectedFile, artefacts] = process.argv.slice(2);
const expected = JSON.parse(readFileSync(expectedFile, "utf8"));
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
mkdirSync(artefacts, { recursive: true });
const failures = [];
const fail = (message) => failures.push(message);
const url = (file, hash = "") => "file://" + resolve(site, file) + hash;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
// The pages run under their own Content-Security-Policy: the walk runs only if the policy
// names it. axe-core is evaluated through the DevTools protocol, which the policy and a
// disabled script do not stop.
const withScript = await browser.newContext();
const withoutScript = await browser.newContext({ javaScriptEnabled: false });

/** What the current step of a walk shows, as the page shows it. */
async function current(page) {
  return page.evaluate(() => {
    const section = document.querySelector("section.node.current");
    if (!section) return null;
    const shown = (el) => el.checkVisibility();
    const texts = (list) => [...section.querySelectorAll(`[data-list="${list}"] li`)]
      .filter(shown).map((li) => li.innerText.replace(/\s+/g, " ").trim());
    return {
      id: section.dataset.id,
      verdict: section.dataset.verdict || null,
      heading: (section.querySelector(".outcome-heading, .question-heading")?.innerText || "").trim(),
      explanation: [...section.querySelectorAll(".conditional p.text")].filter(shown)
        .map((p) => p.innerText).join("\n\n").replace(/\s+/g, " ").trim(),
      conditions: texts("conditions"),
      fallbacks: texts("fallbacks"),
      passages: [...section.querySelectorAll('[data-list="guidance"] blockquote')].filter(shown)
        .map((q) => q.innerText.replace(/\s+/g, " ").trim()),
      contacts: [...section.querySelectorAll('[data-list="contacts"] li')].filter(shown)
        .map((li) => li.dataset.contact),
    };
  });
}

const squash = (text) => text.replace(/\s+/g, " ").trim();

function compare(where, got, want) {
  if (!got) return fail(`${where}: no step is shown`);
  const checks = {
    id: [got.id, want.id],
    verdict: [got.verdict, want.verdict],
    headline: [got.heading, want.title],
    explanation: [got.explanation, squash(want.explanation)],
    conditions: [got.conditions, want.conditions.map(squash)],
    fallbacks: [got.fallbacks, want.fallbacks.map(squash)],
    passages: [got.passages, want.passages.map((p) => squash(p.quote))],
    contacts: [got.contacts, want.contacts.map((c) => c.name)],
  };
  for (const [name, [a, b]] of Object.entries(checks)) {
    if (JSON.stringify(a) !== JSON.stringify(b)) {
      fail(`${where}: ${name} is ${JSON.stringify(a)}, the terminal says ${JSON.stringify(b)}`);
    }
  }
}

async function goTo(page, hash) {
  await page.evaluate((h) => new Promise((done) => {
    if (location.hash === h) return done();
    addEventListener("hashchange", () => done(), { once: true });
    location.hash = h;
  }), hash);
}

// 1. Every path of every tree, by its address.
let paths = 0;
for (const tree of expected.trees) {
  const page = await withScript.newPage();
  await page.goto(url(tree.file));
  for (const path of tree.paths) {
    await goTo(page, "#answers=" + path.answers);
    compare(`${tree.file} #answers=${path.answers}`, await current(page), path.outcome);
    paths++;
  }
  await page.close();
}
console.log(`every path by its address: ${paths} paths checked`);

// Every question on the way, by its address: the passages and contacts whose `when:` holds.
let questions = 0;
for (const tree of expected.trees) {
  const page = await withScript.newPage();
  await page.goto(url(tree.file));
  for (const step of tree.questions) {
    await goTo(page, "#answers=" + step.answers);
    const got = await current(page);
    const where = `${tree.file} #answers=${step.answers}`;
    if (!got || got.id !== step.id) fail(`${where}: shows ${got?.id}, not the question ${step.id}`);
    else {
      const want = { passages: step.passages.map(squash), contacts: step.contacts };
      const shown = { passages: got.passages, contacts: got.contacts };
      if (JSON.stringify(shown) !== JSON.stringify(want)) fail(`${where}: shows ${JSON.stringify(shown)}, the terminal ${JSON.stringify(want)}`);
    }
    questions++;
  }
  await page.close();
}
console.log(`every question on the way: ${questions} steps checked`);

// 2. Walks by clicking.
async function answer(page, token) {
  const section = page.locator("section.node.current");
  const form = section.locator("form.step");
  const kind = await form.getAttribute("data-kind");
  const boxes = form.locator("input");
  if (kind === "question") {
    await form.locator(`input[value="${Number(token) - 1}"]`).check();
  } else {
    const count = await boxes.count();
    const picked = token === "0" ? [count] : token.split("+").map(Number);
    for (let i = 1; i <= count; i++) await boxes.nth(i - 1).setChecked(picked.includes(i));
  }
  await moves(page, () => form.locator("button[type=submit]").click());
}

/** Does `action` and waits until the page shows another step. */
async function moves(page, action) {
  const before = await page.locator("section.node.current").getAttribute("data-node");
  await action();
  await page.waitForFunction((b) => document.querySelector("section.node.current")?.dataset.node !== b, before);
}

async function clickThrough(page, tokens) {
  for (const token of tokens) await answer(page, token);
}

const share = expected.trees.find((t) => t.file === "share.html");
const chosen = expected.clicks.map((i) => share.paths[i]);
let clicked = 0;
for (const [n, path] of chosen.entries()) {
  const page = await withScript.newPage();
  await page.goto(url("share.html"));
  const tokens = path.answers.split(".");
  if (n % 3 === 1 && tokens.length > 1) {
    // Back: answer two questions, go back one, then carry on.
    await clickThrough(page, tokens.slice(0, 2));
    await moves(page, () => page.locator("#back").click());
    await clickThrough(page, tokens.slice(1));
  } else {
    await clickThrough(page, tokens);
  }
  compare(`clicking ${path.answers}`, await current(page), path.outcome);
  if (n % 3 === 2) {
    // Change the first answer, keep it, and continue: each later answer is still chosen.
    await moves(page, () => page.locator("#answer-list a[data-change]").first().click());
    for (const [k, token] of tokens.entries()) {
      const kept = await page.locator("section.node.current form.step input:checked")
        .evaluateAll((boxes) => boxes.map((b) => Number(b.value) + 1).join("+"));
      const want = token === "0" ? null : token;
      if (want !== null && kept !== want) fail(`after Change on ${path.answers}: answer ${k + 1} reads ${kept}, not ${want}`);
      await moves(page, () => page.locator("section.node.current form.step button[type=submit]").click());
    }
    compare(`changing ${path.answers}`, await current(page), path.outcome);
    // Start again forgets them all.
    await moves(page, () => page.locator("#your-answers a[data-restart]").click());
    if (await page.locator("section.node.current form.step input:checked").count()) fail("Start again kept an answer");
  }
  clicked++;
  await page.close();
}
console.log(`walks by clicking: ${clicked} (Back in ${Math.ceil(clicked / 3)}, Change in ${Math.floor(clicked / 3)})`);

// With the keyboard alone: Tab into the answers, Space and the arrow keys to choose, Enter to
// go on — three share paths, one through the checklist.
async function byKeyboard(page, token) {
  const form = page.locator("section.node.current form.step");
  const kind = await form.getAttribute("data-kind");
  const count = await form.locator("input").count();
  for (let tabs = 0; tabs < 20; tabs++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate(() => document.activeElement?.matches("section.current form.step input"))) break;
  }
  if (kind === "question") {
    await page.keyboard.press("Space");
    for (let k = 1; k < Number(token); k++) await page.keyboard.press("ArrowDown");
  } else {
    const picked = token === "0" ? [count] : token.split("+").map(Number);
    for (let i = 1; i <= count; i++) {
      if (picked.includes(i)) await page.keyboard.press("Space");
      if (i < count) await page.keyboard.press("Tab");
    }
  }
  await moves(page, () => page.keyboard.press("Enter"));
}
const checklistPath = share.paths.find((p) => p.answers.split(".").some((t) => t.includes("+")));
for (const path of [share.paths[0], share.paths[share.paths.length - 1], checklistPath].filter(Boolean)) {
  const page = await withScript.newPage();
  await page.goto(url("share.html"));
  for (const token of path.answers.split(".")) await byKeyboard(page, token);
  compare(`by keyboard ${path.answers}`, await current(page), path.outcome);
  const focused = await page.evaluate(() => document.activeElement?.classList.contains("outcome-heading"));
  if (!focused) fail(`by keyboard ${path.answers}: the outcome's heading does not have the focus`);
  await page.close();
}
console.log("walks by keyboard alone: 3");

// Change to another answer, then Back: the question shows the answer given last, not the old one.
{
  const page = await withScript.newPage();
  const path = share.paths.find((p) => p.answers.split(".").length >= 3);
  const tokens = path.answers.split(".");
  await page.goto(url("share.html"));
  await clickThrough(page, tokens);
  await moves(page, () => page.locator("#answer-list a[data-change]").first().click());
  const options = await page.locator("section.node.current form.step input").count();
  const other = String((Number(tokens[0]) % options) + 1);
  await answer(page, other);
  await moves(page, () => page.locator("#back").click());
  const shown = await page.locator("section.node.current form.step input:checked").evaluateAll((b) => b.map((x) => String(Number(x.value) + 1)));
  if (JSON.stringify(shown) !== JSON.stringify([other])) fail(`Back after changing to ${other} shows ${shown}`);
  await page.close();
}

// A link made with another version of the tree says so; one made with this version does not.
for (const [hash, shown] of [["#answers=1&v=0.0.1", true], ["#answers=1", false]]) {
  const page = await withScript.newPage();
  await page.goto(url("share.html", hash));
  const visible = await page.locator("#version-notice").isVisible();
  if (visible !== shown) fail(`${hash}: the version notice is ${visible ? "shown" : "not shown"}`);
  await page.close();
}

// An address whose answers do not fit (an old link, a typo) keeps those that fit and says so.
for (const hash of ["#answers=1.99.3", "#answers=%E0%A4%A", "#answers=1..x"]) {
  const page = await withScript.newPage();
  await page.goto(url("share.html", hash));
  const state = await page.evaluate(() => ({
    notice: document.getElementById("notice").checkVisibility(),
    hash: location.hash,
    shown: document.querySelector("section.node.current form.step") !== null,
  }));
  if (!state.notice || !state.shown) fail(`${hash}: ${JSON.stringify(state)}`);
  await page.close();
}

// A Continue with no answer shows the error summary, focused.
const errorPage = await withScript.newPage();
await errorPage.goto(url("share.html"));
await errorPage.locator("section.node.current button[type=submit]").click();
if (!(await errorPage.locator("#error-summary").isVisible())) fail("no error summary after Continue with no answer");
if (!(await errorPage.evaluate(() => document.activeElement?.id === "error-summary"))) fail("the error summary is not focused");
if (!(await errorPage.title()).startsWith("Error: ")) fail("the title does not start with Error:");

// 3. axe-core: a question, an outcome, an error and the page without a script.
async function axe(page, what) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
  }));
  for (const v of result.violations) {
    fail(`axe on ${what}: ${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
  }
  console.log(`axe on ${what}: ${result.violations.length} violations, ${result.passes.length} rules passed`);
}
const question = await withScript.newPage();
await question.goto(url("share.html"));
await axe(question, "a question");
const outcomePage = await withScript.newPage();
await outcomePage.goto(url("share.html", "#answers=" + chosen[0].answers));
await axe(outcomePage, "an outcome");
await axe(errorPage, "a question with an error");
// axe-core cannot run where scripts are off, so the page without a script is checked as the
// same markup with its scripts taken out, loaded where axe can run.
// Focused states, where the page's focus styles apply: a question's heading after Continue,
// and the error summary, on a phone.
const focused = await withScript.newPage();
await focused.setViewportSize({ width: 375, height: 812 });
await focused.goto(url("share.html"));
await answer(focused, "1");
await axe(focused, "a second question with its heading focused, 375 px");
await focused.locator("section.node.current button[type=submit]").click();
await axe(focused, "the error summary focused, 375 px");
const plain = await withScript.newPage();
await plain.setContent(readFileSync(join(site, "share.html"), "utf8").replace(/<script\b[\s\S]*?<\/script>/g, ""));
if (await plain.evaluate(() => document.documentElement.classList.contains("js"))) fail("the scripts were not taken out");
await axe(plain, "the page without a script");

// 4. Without a script: every outcome of every tree is there, and every answer link lands.
for (const tree of expected.trees) {
  const page = await withoutScript.newPage();
  await page.goto(url(tree.file));
  const found = await page.evaluate(() => ({
    outcomes: [...document.querySelectorAll("section.outcome")].filter((s) => s.checkVisibility())
      .map((s) => ({ id: s.dataset.id, headline: s.querySelector("h2").innerText.trim() })),
    broken: [...document.querySelectorAll('a[href^="#node-"]')]
      .filter((a) => !document.getElementById(a.getAttribute("href").slice(1))).map((a) => a.getAttribute("href")),
    forms: [...document.querySelectorAll("form")].filter((f) => f.checkVisibility()).length,
  }));
  const want = tree.outcomes.map((o) => o.id).sort();
  const got = found.outcomes.map((o) => o.id).sort();
  if (JSON.stringify(want) !== JSON.stringify(got)) fail(`${tree.file} without a script shows outcomes ${got}, the tree has ${want}`);
  for (const o of tree.outcomes) {
    const shown = found.outcomes.find((f) => f.id === o.id);
    if (shown && shown.headline !== o.headline) fail(`${tree.file} without a script: ${o.id} reads "${shown.headline}"`);
  }
  if (found.broken.length) fail(`${tree.file}: links to missing sections ${found.broken}`);
  if (found.forms) fail(`${tree.file}: ${found.forms} forms show without a script`);
  console.log(`${tree.file} without a script: ${got.length} outcomes, every answer link lands`);
  await page.close();
}

// 5. Screenshots of a question and an outcome, wide and narrow.
for (const [width, height] of [[1280, 800], [375, 812]]) {
  const page = await withScript.newPage();
  await page.setViewportSize({ width, height });
  await page.goto(url("share.html"));
  await page.screenshot({ path: join(artefacts, `question-${width}x${height}.png`) });
  await page.goto(url("share.html", "#answers=" + chosen[0].answers));
  await page.reload();
  await page.screenshot({ path: join(artefacts, `outcome-${width}x${height}.png`) });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 0) fail(`at ${width}px the outcome is ${overflow}px wider than the window`);
  await page.close();
}
// The printed decision: answers and outcome, no buttons or forms.
const printed = await withScript.newPage();
await printed.goto(url("share.html", "#answers=" + chosen[0].answers));
await printed.reload();
await printed.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
await printed.emulateMedia({ media: "print" });
const onPaper = await printed.evaluate(() => ({
  buttons: [...document.querySelectorAll("button, .actions, form")].filter((e) => e.checkVisibility()).length,
  answers: document.getElementById("your-answers").checkVisibility(),
  outcome: document.querySelector("section.node.current .outcome-heading")?.checkVisibility(),
  stamp: document.getElementById("printed").innerText,
}));
if (onPaper.buttons || !onPaper.answers || !onPaper.outcome || !/^Decided on .*#answers=/.test(onPaper.stamp)) fail(`the printed decision: ${JSON.stringify(onPaper)}`);
await printed.screenshot({ path: join(artefacts, "printed-outcome.png"), fullPage: true });
const narrow = await withScript.newPage();
await narrow.setViewportSize({ width: 320, height: 640 });
await narrow.goto(url("share.html"));
if (await narrow.evaluate(() => document.documentElement.scrollWidth > 320)) fail("at 320px the question scrolls sideways");
console.log(`screenshots in ${artefacts}`);

// 6. The hostile page, under its own Content-Security-Policy.
if (expected.hostile) {
  const page = await withScript.newPage();
  const dialogs = [];
  page.on("dialog", (d) => { dialogs.push(d.message()); d.dismiss(); });
  await page.goto(url(expected.hostile.file, "#answers=" + expected.hostile.answers));
  await page.waitForTimeout(200);
  const seen = await page.evaluate(() => ({
    pwned: window.__pwned !== undefined,
    images: document.querySelectorAll("img").length,
    scripts: document.querySelectorAll("script").length,
    handlers: [...document.querySelectorAll("*")].filter((e) => [...e.attributes].some((a) => a.name.startsWith("on"))).length,
    hrefs: [...document.querySelectorAll("a[href]")].map((a) => a.getAttribute("href"))
      .filter((h) => !/^(#|https?:|mailto:)/i.test(h)),
    shown: document.querySelector("section.node.current")?.innerText || "",
  }));
  if (seen.pwned || dialogs.length) fail(`hostile text ran: ${JSON.stringify({ pwned: seen.pwned, dialogs })}`);
  if (seen.images || seen.handlers) fail(`hostile text made markup: ${seen.images} images, ${seen.handlers} handlers`);
  if (seen.scripts !== 2) fail(`the hostile page has ${seen.scripts} scripts, not the page's own two`);
  if (seen.hrefs.length) fail(`the hostile page links to ${seen.hrefs}`);
  for (const text of expected.hostile.visible) {
    if (!seen.shown.includes(text)) fail(`the hostile page does not show ${JSON.stringify(text)} as text`);
  }
  console.log("hostile page: nothing ran, no markup made, the text shown as written");
}

await browser.close();
if (failures.length) {
  console.error(`${failures.length} failures:\n` + failures.slice(0, 40).join("\n"));
  process.exit(1);
}
console.log("all browser checks passed");
