// Verifies webhook deliveries the Java tests received, with the Standard Webhooks reference library
// (npm standardwebhooks) — an implementation independent of the service's own signing code.
// Usage: node verify-webhooks.js <file.json>, the file holding [{secret, headers, body, expectValid}].
import { readFileSync } from "node:fs";
import { Webhook } from "standardwebhooks";

type Received = { secret: string; headers: Record<string, string>; body: string; expectValid: boolean };

const file = process.argv[2];
if (!file) {
  console.error("usage: verify-webhooks <file.json>");
  process.exit(2);
}
const items = JSON.parse(readFileSync(file, "utf8")) as Received[];
let failures = 0;
items.forEach((item, i) => {
  let valid = true;
  try {
    new Webhook(item.secret).verify(item.body, item.headers);
  } catch {
    valid = false;
  }
  if (valid !== item.expectValid) {
    failures++;
    console.error(`delivery ${i}: ${valid ? "verified, but must not" : "did not verify"}`);
  }
});
console.log(`${items.length - failures} of ${items.length} deliveries as expected`);
process.exit(failures === 0 ? 0 : 1);
