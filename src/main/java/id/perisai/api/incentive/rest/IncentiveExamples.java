package id.perisai.api.incentive.rest;

/** Examples of the incentive operations (the worked example of rules.md §6). */
final class IncentiveExamples {

    static final String STATEMENT = """
            {"period":"2026-11","scheme":"PERISAI-2022","status":"OPEN",
             "agents":[{"agentCode":"AGK7Q2M9X4PT","acquisitions":30,"acquisitionIncentive":450000,"contributionIncentive":127800,
                        "reversals":0,"total":577800},
                       {"agentCode":"AGM3R8T2W6YV","acquisitions":24,"acquisitionIncentive":0,"contributionIncentive":102240,
                        "reversals":0,"total":102240}],
             "agentTotal":680040,"partnerFee":68004,"grandTotal":748044}""";

    static final String AGENT_LEDGER = """
            {"period":"2026-11","scheme":"PERISAI-2022","status":"OPEN",
             "statement":{"agentCode":"AGK7Q2M9X4PT","acquisitions":30,"acquisitionIncentive":450000,"contributionIncentive":127800,
                          "reversals":0,"total":577800},
             "items":[{"lineId":918273,"type":"ACQUISITION","participantId":"4f2a9c1e-7b3d-4a5e-8f60-1c2d3e4f5a6b",
                       "sourceId":"8c4f3a2e-1b7d-4e9a-9c21-5d0f6a7b8c90","basis":1,"rate":15000,"amount":15000,"createdAt":"2026-11-21T03:15:04Z"},
                      {"lineId":918274,"type":"CONTRIBUTION","participantId":"4f2a9c1e-7b3d-4a5e-8f60-1c2d3e4f5a6b",
                       "sourceId":"0f9c2a1e-5b3d-4a5e-8f60-1c2d3e4f5a6b","basis":28400,"rate":0.15,"amount":4260,"createdAt":"2026-11-21T03:15:04Z"}],
             "nextCursor":"OTE4Mjc0"}""";

    static final String SCHEME_REQUEST = """
            {"code":"PERISAI-2030","name":"Insentif Perisai 2030","regulation":"Perdir 5/2026","validFrom":"2030-01-01",
             "acquisition":{"amount":12000,"amountWithJht":18000,"minimumPerPeriod":20},
             "contributionRates":[{"fromMonth":1,"toMonth":24,"percent":15},{"fromMonth":25,"toMonth":60,"percent":5}],
             "partnerShare":{"mode":"ON_TOP","percent":10}}""";

    static final String SCHEME = """
            {"id":3,"code":"PERISAI-2030","name":"Insentif Perisai 2030","regulation":"Perdir 5/2026","validFrom":"2030-01-01",
             "acquisition":{"amount":12000,"amountWithJht":18000,"minimumPerPeriod":20},
             "contributionRates":[{"fromMonth":1,"toMonth":24,"percent":15},{"fromMonth":25,"toMonth":60,"percent":5}],
             "partnerShare":{"mode":"ON_TOP","percent":10}}""";

    static final String SCHEMES = """
            [{"id":1,"code":"PERISAI-2018","name":"Insentif Perisai 2018","regulation":"Perdir BPJS Ketenagakerjaan 2018",
              "validFrom":"2018-01-01","validTo":"2022-03-31","acquisition":{"amount":0,"amountWithJht":0,"minimumPerPeriod":0},
              "milestone":{"acquisitions":50,"bonus":500000},"contributionRates":[{"fromMonth":1,"percent":7.5}],
              "partnerShare":{"mode":"SPLIT","percent":10}},
             {"id":2,"code":"PERISAI-2022","name":"Insentif Perisai 2022","regulation":"Perdir 13/2022","validFrom":"2022-04-01",
              "acquisition":{"amount":10000,"amountWithJht":15000,"minimumPerPeriod":25},
              "contributionRates":[{"fromMonth":1,"toMonth":24,"percent":15},{"fromMonth":25,"toMonth":60,"percent":5}],
              "partnerShare":{"mode":"ON_TOP","percent":10}}]""";

    static final String OVERLAP = """
            {"type":"https://api.perisai.bpjsketenagakerjaan.go.id/problems/conflict","title":"The request conflicts with the current state",
             "status":409,"detail":"The scheme would overlap PERISAI-2030 in force 2027-01-01 … open-ended",
             "instance":"/v1/admin/incentive-schemes","correlationId":"5f0c8a0e-9f2d-4c1b-8a57-2b7f0b6f2a11"}""";

    static final String CLOSED = """
            {"period":"2026-10","status":"CLOSED","scheme":"PERISAI-2022","closedAt":"2026-11-03T02:00:00Z","partners":12,
             "agentTotal":15250000,"partnerFee":1525000,"grandTotal":16775000}""";

    static final String ALREADY_CLOSED = """
            {"type":"https://api.perisai.bpjsketenagakerjaan.go.id/problems/conflict","title":"The request conflicts with the current state",
             "status":409,"detail":"The period is already closed","instance":"/v1/admin/incentive-statements/2026-10/close",
             "correlationId":"5f0c8a0e-9f2d-4c1b-8a57-2b7f0b6f2a11"}""";

    static final String PAYOUTS = """
            {"period":"2026-10","payouts":[
              {"partnerCode":"SPSI-DPC-BDG","partnerName":"DPC SPSI Kota Bandung","payee":"AGENT","agentCode":"AGK7Q2M9X4PT",
               "accountName":"SITI AMINAH","bankCode":"BNI","accountNumber":"0123456789","amount":577800,"status":"PAY"},
              {"partnerCode":"SPSI-DPC-BDG","partnerName":"DPC SPSI Kota Bandung","payee":"PARTNER",
               "accountName":"DPC SPSI KOTA BANDUNG","bankCode":"BNI","accountNumber":"0987654321","amount":57780,"status":"PAY"}],
             "count":2,"totalAmount":635580,"heldAmount":0}""";

    static final String PAYOUTS_CSV = """
            partnerCode,partnerName,payee,agentCode,accountName,bankCode,accountNumber,amount,status
            SPSI-DPC-BDG,DPC SPSI Kota Bandung,AGENT,AGK7Q2M9X4PT,SITI AMINAH,BNI,0123456789,577800,PAY
            SPSI-DPC-BDG,DPC SPSI Kota Bandung,PARTNER,,DPC SPSI KOTA BANDUNG,BNI,0987654321,57780,PAY
            """;

    static final String NOT_CLOSED = """
            {"type":"https://api.perisai.bpjsketenagakerjaan.go.id/problems/conflict","title":"The request conflicts with the current state",
             "status":409,"detail":"Period 2026-11 is not closed; payouts are exported once it is",
             "instance":"/v1/admin/incentive-statements/2026-11/payouts","correlationId":"5f0c8a0e-9f2d-4c1b-8a57-2b7f0b6f2a11"}""";

    static final String VOID_REQUEST = """
            {"reason":"Fictitious registration found in branch audit BA-2026-117"}""";

    static final String VOIDED = """
            {"participantId":"4f2a9c1e-7b3d-4a5e-8f60-1c2d3e4f5a6b","status":"VOID","voidedAt":"2026-11-21T03:15:04Z","reversedLines":2}""";

    static final String ALREADY_VOID = """
            {"type":"https://api.perisai.bpjsketenagakerjaan.go.id/problems/conflict","title":"The request conflicts with the current state",
             "status":409,"detail":"The participant is already VOID",
             "instance":"/v1/admin/participants/4f2a9c1e-7b3d-4a5e-8f60-1c2d3e4f5a6b/void","correlationId":"5f0c8a0e-9f2d-4c1b-8a57-2b7f0b6f2a11"}""";

    private IncentiveExamples() {
    }
}
