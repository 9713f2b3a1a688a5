package id.perisai.api.contribution.rest;

/** Examples of the contribution operations. */
final class ContributionExamples {

    static final String JSON_BATCH = """
            {"records":[
              {"externalRef":"pay-1","paymentRef":"TRX-2026-11-0001","nik":"3201016502920003","periodStart":"2026-11","months":2,
               "amount":56800,"payerType":"SELF","paidAt":"2026-11-20T09:30:00+07:00"},
              {"externalRef":"pay-2","paymentRef":"APBD-JABAR-77120","nik":"3273011505880002","periodStart":"2026-11","months":1,
               "amount":16800,"payerType":"GOVERNMENT","payerName":"Pemprov Jawa Barat (APBD)","paidAt":"2026-11-20T10:00:00+07:00"}]}""";

    static final String CSV_BATCH = """
            externalRef,paymentRef,nik,periodStart,months,amount,payerType,payerName,paidAt
            pay-1,TRX-2026-11-0001,3201016502920003,2026-11,2,56800,SELF,,2026-11-20T09:30:00+07:00
            pay-2,APBD-JABAR-77120,3273011505880002,2026-11,1,16800,GOVERNMENT,"Pemprov Jawa Barat (APBD)",2026-11-20T10:00:00+07:00
            """;

    static final String BATCH = """
            {"batchId":"6b1d9e2f-3c4a-4b5d-8e6f-7a8b9c0d1e2f","status":"RECEIVED","dryRun":false,"submittedAt":"2026-11-21T03:15:00Z",
             "totals":{"received":2,"accepted":0,"duplicate":0,"rejected":0}}""";

    static final String COMPLETED = """
            {"batchId":"6b1d9e2f-3c4a-4b5d-8e6f-7a8b9c0d1e2f","status":"COMPLETED","dryRun":false,"submittedAt":"2026-11-21T03:15:00Z",
             "completedAt":"2026-11-21T03:15:01Z","totals":{"received":2,"accepted":1,"duplicate":0,"rejected":1}}""";

    static final String PAGE = """
            {"items":[{"batchId":"6b1d9e2f-3c4a-4b5d-8e6f-7a8b9c0d1e2f","status":"COMPLETED","dryRun":false,"submittedAt":"2026-11-21T03:15:00Z",
             "completedAt":"2026-11-21T03:15:01Z","totals":{"received":2,"accepted":1,"duplicate":0,"rejected":1}}]}""";

    static final String RESULTS = """
            {"items":[
              {"index":1,"externalRef":"pay-1","status":"ACCEPTED","contributionId":"0f9c2a1e-5b3d-4a5e-8f60-1c2d3e4f5a6b"},
              {"index":2,"externalRef":"pay-2","status":"REJECTED","expectedAmount":36800,
               "errors":[{"field":"amount","code":"AMOUNT_MISMATCH","message":"the amount due for these months is 36800"}]}]}""";

    static final String RESULTS_CSV = """
            index,externalRef,status,contributionId,expectedAmount,errors
            1,pay-1,ACCEPTED,0f9c2a1e-5b3d-4a5e-8f60-1c2d3e4f5a6b,,
            2,pay-2,REJECTED,,36800,amount:AMOUNT_MISMATCH
            """;

    static final String QUOTE_REQUEST = """
            {"nik":"3201016502920003","periodStart":"2026-11","months":3,"payerType":"SELF"}""";

    static final String QUOTE = """
            {"amount":93600,"months":[
              {"month":"2026-11","jkk":5000,"jkm":3400,"jht":20000,"discounted":true},
              {"month":"2026-12","jkk":5000,"jkm":3400,"jht":20000,"discounted":true},
              {"month":"2027-01","jkk":10000,"jkm":6800,"jht":20000,"discounted":false}]}""";

    static final String CONTRIBUTIONS = """
            {"items":[{"contributionId":"0f9c2a1e-5b3d-4a5e-8f60-1c2d3e4f5a6b","periodStart":"2026-11","months":1,"amount":28400,
              "payerType":"SELF","paidAt":"2026-11-20T09:30:00+07:00","acceptedAt":"2026-11-21T03:15:01Z",
              "coveredMonths":[{"month":"2026-11","jkk":5000,"jkm":3400,"jht":20000,"discounted":true}]}]}""";

    private ContributionExamples() {
    }
}
