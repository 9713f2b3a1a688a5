// The partner flow (quality.md C1) through the TypeScript client a partner generates from openapi/openapi.yaml:
// types by openapi-typescript (target/contract/perisai-api.d.ts, made by the build), calls by openapi-fetch. No casts,
// no hand-written JSON, no middleware: what the contract declares is what the partner's code gets.
//
//   node src/test/contract/node_modules/.build/flow.js <base URL> <client id> <client secret> <agent code>
//
// Exits non-zero, saying which step failed, unless every step answers as documented.
import createClient from "openapi-fetch";
import type { components, paths } from "../../../../target/contract/perisai-api.js";

type RegistrationRecord = components["schemas"]["RegistrationRecord"];
type Batch = components["schemas"]["Batch"];

const [baseUrl, clientId, clientSecret, agentCode] = process.argv.slice(2);
if (!baseUrl || !clientId || !clientSecret || !agentCode) {
  throw new Error("usage: flow.js <base URL> <client id> <client secret> <agent code>");
}

function check(condition: boolean, what: string): asserts condition {
  if (!condition) {
    throw new Error(`step failed: ${what}`);
  }
}

/** The WIB month, YYYY-MM. */
function wibMonth(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Jakarta", year: "numeric", month: "2-digit" })
    .format(new Date())
    .slice(0, 7);
}

/** A NIK valid for rules.md §1: region 32.01.01, the birth date (+40 for women), a serial of this run. */
function nik(birthDate: string, gender: "M" | "F", serial: number): string {
  const [year, month, day] = birthDate.split("-");
  const dd = Number(day) + (gender === "F" ? 40 : 0);
  return `320101${String(dd).padStart(2, "0")}${month}${year!.slice(2)}${String(serial).padStart(4, "0")}`;
}

const run = `${Date.now() % 100000}`;
const serial = 5000 + (Date.now() % 4000);
const client = createClient<paths>({ baseUrl });

// 1. token (client credentials, form fields)
const token = await client.POST("/oauth2/token", {
  body: { grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret },
  headers: { "Content-Type": "application/x-www-form-urlencoded" },
});
check(token.data !== undefined, `token: ${token.response.status} ${JSON.stringify(token.error)}`);
// JSON answers are the ones this code reads as objects (the CSV one is read as text below)
const api = createClient<paths, "application/json">({
  baseUrl,
  headers: { Authorization: `Bearer ${token.data.access_token}` },
});
console.log(`token: ${token.data.token_type}, ${token.data.expires_in} s, scopes ${token.data.scope}`);

// 2. a registration batch as JSON
const siti: RegistrationRecord = {
  externalRef: `ts-${run}-1`,
  nik: nik("1990-01-01", "F", serial),
  fullName: "Siti Aminah",
  birthDate: "1990-01-01",
  gender: "F",
  phone: "081234567890",
  occupation: "PEDAGANG",
  monthlyIncome: 1000000,
  programs: ["JKK", "JKM", "JHT"],
  agentCode,
};
const json = await api.POST("/v1/registration-batches", {
  params: { header: { "Idempotency-Key": `ts-json-${run}` } },
  body: { records: [siti] },
});
check(json.data !== undefined, `JSON batch: ${json.response.status} ${JSON.stringify(json.error)}`);
check(json.response.status === 202, `JSON batch: 202, got ${json.response.status}`);
console.log(`registration batch (JSON): ${json.data.batchId} ${json.data.status}`);

// 3. the same kind of batch as CSV: the file's text, sent as it is
const budiNik = nik("1988-05-15", "M", serial + 1);
const csv = "externalRef,nik,fullName,birthDate,gender,phone,occupation,monthlyIncome,programs,agentCode\n"
  + `ts-${run}-2,${budiNik},Budi Santoso,1988-05-15,M,+6285712345678,OJEK,3000000,JKK|JKM,${agentCode}\n`;
const csvBatch = await api.POST("/v1/registration-batches", {
  params: { header: { "Idempotency-Key": `ts-csv-${run}` } },
  body: csv,
  headers: { "Content-Type": "text/csv" },
  bodySerializer: (text) => text,
});
check(csvBatch.data !== undefined, `CSV batch: ${csvBatch.response.status} ${JSON.stringify(csvBatch.error)}`);
console.log(`registration batch (CSV): ${csvBatch.data.batchId} ${csvBatch.data.status}`);

// 4. poll until COMPLETED
async function completed(path: "/v1/registration-batches/{batchId}" | "/v1/contribution-batches/{batchId}",
  batchId: string): Promise<Batch> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const batch = await api.GET(path, { params: { path: { batchId } } });
    check(batch.data !== undefined, `poll ${batchId}: ${batch.response.status}`);
    if (batch.data.status === "COMPLETED") {
      return batch.data;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`step failed: batch ${batchId} not COMPLETED in 20 s`);
}
const first = await completed("/v1/registration-batches/{batchId}", json.data.batchId);
const second = await completed("/v1/registration-batches/{batchId}", csvBatch.data.batchId);
check(first.totals.accepted === 1 && second.totals.accepted === 1,
  `both registrations accepted: ${JSON.stringify(first.totals)} ${JSON.stringify(second.totals)}`);

// 5. records as JSON and as CSV
const records = await api.GET("/v1/registration-batches/{batchId}/records", {
  params: { path: { batchId: json.data.batchId }, query: { status: "ACCEPTED" } },
});
check(records.data !== undefined, `records: ${records.response.status}`);
const accepted = records.data.items[0];
check(accepted !== undefined && accepted.status === "ACCEPTED" && accepted.participantId !== undefined,
  `an ACCEPTED record with its participant: ${JSON.stringify(records.data)}`);
const participantId = accepted.participantId;
const recordsCsv = await api.GET("/v1/registration-batches/{batchId}/records", {
  params: { path: { batchId: csvBatch.data.batchId } },
  headers: { Accept: "text/csv" },
  parseAs: "text",
});
check(recordsCsv.data !== undefined && recordsCsv.data.startsWith("index,externalRef,status"),
  `records as CSV: ${recordsCsv.response.status}`);
check(recordsCsv.data.includes(`ts-${run}-2,ACCEPTED`), `the CSV record is ACCEPTED: ${recordsCsv.data}`);

// 6. quote: what one month costs this month
const month = wibMonth();
const quote = await api.POST("/v1/contributions/quote", {
  body: { nik: siti.nik, periodStart: month, months: 1, payerType: "SELF" },
});
check(quote.data !== undefined, `quote: ${quote.response.status} ${JSON.stringify(quote.error)}`);
console.log(`quote ${month}: ${quote.data.amount}`);

// 7. a contribution batch paying exactly that
const payment = await api.POST("/v1/contribution-batches", {
  params: { header: { "Idempotency-Key": `ts-pay-${run}` } },
  body: {
    records: [{
      externalRef: `ts-${run}-pay`,
      paymentRef: `TS-${run}-1`,
      nik: siti.nik,
      periodStart: month,
      months: 1,
      amount: quote.data.amount,
      payerType: "SELF",
      paidAt: new Date().toISOString(),
    }],
  },
});
check(payment.data !== undefined, `contribution batch: ${payment.response.status} ${JSON.stringify(payment.error)}`);
const paid = await completed("/v1/contribution-batches/{batchId}", payment.data.batchId);
check(paid.totals.accepted === 1, `the payment is accepted: ${JSON.stringify(paid.totals)}`);

// 8. the participant's contributions
const contributions = await api.GET("/v1/participants/{participantId}/contributions", {
  params: { path: { participantId } },
});
check(contributions.data !== undefined, `contributions: ${contributions.response.status}`);
const contribution = contributions.data.items[0];
check(contribution !== undefined && contribution.amount === quote.data.amount
  && contribution.coveredMonths.length === 1, `one contribution of the quoted amount: ${JSON.stringify(contributions.data)}`);

// 9. the statement of this month names the agent
const statement = await api.GET("/v1/incentives/statements/{period}", { params: { path: { period: month } } });
check(statement.data !== undefined, `statement: ${statement.response.status}`);
const line = statement.data.agents.find((a) => a.agentCode === agentCode);
check(line !== undefined && line.contributionIncentive > 0, `the agent earned on the payment: ${JSON.stringify(statement.data)}`);
console.log(`statement ${statement.data.period}: grand total ${statement.data.grandTotal}`);
console.log("typescript client: partner flow complete");
