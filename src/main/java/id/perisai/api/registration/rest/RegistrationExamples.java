package id.perisai.api.registration.rest;

/** Examples of the registration operations. */
final class RegistrationExamples {

    static final String JSON_BATCH = """
            {"records":[
              {"externalRef":"row-1","nik":"3201014101900001","fullName":"Siti Aminah","birthDate":"1990-01-01","gender":"F",
               "phone":"081234567890","occupation":"PEDAGANG","monthlyIncome":2500000,"programs":["JKK","JKM","JHT"],"agentCode":"AGDEMO000001"},
              {"externalRef":"row-2","nik":"3273011505880002","fullName":"Budi Santoso","birthDate":"1988-05-15","gender":"M",
               "phone":"+6285712345678","occupation":"OJEK","monthlyIncome":3000000,"programs":["JKK","JKM"]}]}""";

    static final String CSV_BATCH = """
            externalRef,nik,fullName,birthDate,gender,phone,occupation,monthlyIncome,programs,agentCode,address
            row-1,3201014101900001,Siti Aminah,1990-01-01,F,081234567890,PEDAGANG,2500000,JKK|JKM|JHT,AGDEMO000001,"Jl. Mawar 5, RT 01"
            row-2,3273011505880002,Budi Santoso,1988-05-15,M,+6285712345678,OJEK,3000000,JKK|JKM,,
            """;

    static final String BATCH = """
            {"batchId":"8c4f3a2e-1b7d-4e9a-9c21-5d0f6a7b8c90","status":"RECEIVED","dryRun":false,"submittedAt":"2026-11-21T03:15:00Z",
             "totals":{"received":2,"accepted":0,"duplicate":0,"rejected":0}}""";

    static final String COMPLETED = """
            {"batchId":"8c4f3a2e-1b7d-4e9a-9c21-5d0f6a7b8c90","status":"COMPLETED","dryRun":false,"submittedAt":"2026-11-21T03:15:00Z",
             "completedAt":"2026-11-21T03:15:01Z","totals":{"received":2,"accepted":1,"duplicate":1,"rejected":0}}""";

    static final String PAGE = """
            {"items":[{"batchId":"8c4f3a2e-1b7d-4e9a-9c21-5d0f6a7b8c90","status":"COMPLETED","dryRun":false,"submittedAt":"2026-11-21T03:15:00Z",
             "completedAt":"2026-11-21T03:15:01Z","totals":{"received":2,"accepted":1,"duplicate":1,"rejected":0}}]}""";

    static final String RESULTS = """
            {"items":[
              {"index":1,"externalRef":"row-1","status":"ACCEPTED","participantId":"4f2a9c1e-7b3d-4a5e-8f60-1c2d3e4f5a6b","newParticipant":true},
              {"index":2,"externalRef":"row-2","status":"DUPLICATE","errors":[{"field":"nik","code":"ALREADY_REGISTERED","message":"the worker is already registered"}]},
              {"index":3,"externalRef":"row-3","status":"REJECTED","errors":[{"field":"nik","code":"NIK_GENDER_MISMATCH","message":"the NIK encodes the other gender (day + 40 for women)"},
                {"field":"monthlyIncome","code":"INCOME_OUT_OF_RANGE","message":"must be a whole number of rupiah from 1000000 to 100000000"}]}],
             "nextCursor":"Mw"}""";

    static final String RESULTS_CSV = """
            index,externalRef,status,participantId,newParticipant,errors
            1,row-1,ACCEPTED,4f2a9c1e-7b3d-4a5e-8f60-1c2d3e4f5a6b,true,
            2,row-2,DUPLICATE,,,nik:ALREADY_REGISTERED
            3,row-3,REJECTED,,,nik:NIK_GENDER_MISMATCH|monthlyIncome:INCOME_OUT_OF_RANGE
            """;

    static final String REUSED = """
            {"type":"https://api.perisai.bpjsketenagakerjaan.go.id/problems/idempotency-key-reused","title":"The Idempotency-Key was used for a different request",
             "status":422,"detail":"This Idempotency-Key was used with a different body or options; use a new key for a new request",
             "instance":"/v1/registration-batches","correlationId":"5f0c8a0e-9f2d-4c1b-8a57-2b7f0b6f2a11"}""";

    static final String IN_FLIGHT = """
            {"type":"https://api.perisai.bpjsketenagakerjaan.go.id/problems/idempotency-key-in-flight","title":"A request with this Idempotency-Key is still being processed",
             "status":409,"detail":"The first request with this Idempotency-Key is still being accepted; retry when it has finished",
             "instance":"/v1/registration-batches","correlationId":"5f0c8a0e-9f2d-4c1b-8a57-2b7f0b6f2a11"}""";

    static final String MALFORMED = """
            {"type":"https://api.perisai.bpjsketenagakerjaan.go.id/problems/malformed-request","title":"The request body cannot be read",
             "status":400,"detail":"Line 7 is not valid JSON","instance":"/v1/registration-batches","correlationId":"5f0c8a0e-9f2d-4c1b-8a57-2b7f0b6f2a11"}""";

    static final String QUOTA_EXCEEDED = """
            {"type":"https://api.perisai.bpjsketenagakerjaan.go.id/problems/quota-exceeded","title":"Daily quota exceeded","status":429,
             "detail":"The batch has 1200 records but only 800 of today's registrations quota remain; the quota resets at 00:00 WIB",
             "instance":"/v1/registration-batches","correlationId":"5f0c8a0e-9f2d-4c1b-8a57-2b7f0b6f2a11","violatedPolicies":["registrations"]}""";

    static final String TOO_LARGE = """
            {"type":"https://api.perisai.bpjsketenagakerjaan.go.id/problems/batch-too-large","title":"The batch has too many records",
             "status":413,"detail":"A batch may have at most 100000 records; split it","instance":"/v1/registration-batches",
             "correlationId":"5f0c8a0e-9f2d-4c1b-8a57-2b7f0b6f2a11","maxBatchRecords":100000}""";

    private RegistrationExamples() {
    }
}
