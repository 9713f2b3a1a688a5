// The Swagger UI console as a partner uses it (quality.md C5), in headless Chromium driven by playwright-core:
// Authorize with the demo client (client credentials), open "Submit a batch of registrations", try it out with the
// documented JSON example as it is prefilled, execute, and see 202 — twice, each time with a fresh Idempotency-Key.
//
//   node src/test/contract/node_modules/.build/console.js <base URL> <client id> <client secret> <chromium executable> <screenshot.png>
//
// Playwright never downloads a browser here: the system's Chromium is launched with a fresh profile.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

const [baseUrl, clientId, clientSecret, executablePath, screenshot] = process.argv.slice(2);
if (!baseUrl || !clientId || !clientSecret || !executablePath || !screenshot) {
  throw new Error("usage: console.js <base URL> <client id> <client secret> <chromium> <screenshot.png>");
}

const profile = mkdtempSync(join(tmpdir(), "perisai-console-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run"],
});
try {
  const page = context.pages()[0] ?? await context.newPage();
  page.setDefaultTimeout(30000);
  await page.goto(`${baseUrl}/q/swagger-ui`);
  await page.locator(".information-container .title").waitFor();

  // Authorize: the oauth2 client credentials flow with the printed demo client, every scope
  await page.locator("button.authorize").first().click();
  const modal = page.locator(".modal-ux");
  await modal.locator("input[data-name='clientId']").fill(clientId);
  await modal.locator("input[data-name='clientSecret']").fill(clientSecret);
  await modal.getByText("select all", { exact: true }).first().click();
  await modal.locator("button.authorize").first().click();
  await modal.getByText("Authorized", { exact: false }).first().waitFor();
  await modal.locator("button.btn-done").first().click();

  // The product's main operation, tried with its documented example as it stands
  const operation = page.locator("#operations-Registrations-submitRegistrationBatch");
  await operation.locator(".opblock-summary").click();
  await operation.locator("button.try-out__btn").click();
  const body = operation.locator("textarea.body-param__text");
  await body.waitFor();
  const example = await body.inputValue();
  if (!example.includes("\"records\"")) {
    throw new Error(`the JSON body is not prefilled with the example: ${example}`);
  }
  const keys = new Set<string>();
  for (let attempt = 1; attempt <= 2; attempt++) {
    await operation.locator("button.execute").click();
    const status = operation.locator(".live-responses-table tbody .response-col_status").first();
    await status.waitFor();
    const code = (await status.innerText()).trim();
    if (!code.startsWith("202")) {
      const text = await operation.locator(".live-responses-table").innerText();
      throw new Error(`try ${attempt}: expected 202, got ${code}: ${text}`);
    }
    const curl = await operation.locator(".curl-command").innerText();
    const key = /Idempotency-Key: ([^'"\s]+)/.exec(curl)?.[1];
    if (key === undefined || key === "3f1c7a52-batch-2026-11-21-001") {
      throw new Error(`try ${attempt}: the example Idempotency-Key was sent as it is: ${curl}`);
    }
    keys.add(key);
    console.log(`try ${attempt}: ${code} with Idempotency-Key ${key}`);
    if (attempt === 1) {
      await operation.locator("button.btn-clear").click();
    }
  }
  if (keys.size !== 2) {
    throw new Error(`the two tries used the same Idempotency-Key: ${[...keys].join(", ")}`);
  }
  await page.screenshot({ path: screenshot, fullPage: false });
  console.log("swagger ui: authorized, JSON registration batch from its example accepted (202)");
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
