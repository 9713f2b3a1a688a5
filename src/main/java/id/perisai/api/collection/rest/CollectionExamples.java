package id.perisai.api.collection.rest;

/** Examples of the collection operations. */
final class CollectionExamples {

    static final String DUE = """
            {"items":[
              {"participantId":"4f2a9c1e-7b3d-4a5e-8f60-1c2d3e4f5a6b","nikMasked":"3201**********0001","fullName":"Siti Aminah",
               "phone":"+6281234567890","agentCode":"AGDEMO000001","coveredUntil":"2026-07","firstUnpaidMonth":"2026-08",
               "lapsesOn":"2026-12-01","status":"AT_RISK","payableMonths":4,"amountDue":113600},
              {"participantId":"9c1e4f2a-3d7b-4e5a-860f-2d3e4f5a6b1c","nikMasked":"3273**********0002","fullName":"Budi Santoso",
               "phone":"+6285712345678","agentCode":"AGDEMO000001","firstUnpaidMonth":"2026-11","lapsesOn":"2027-03-01",
               "status":"DUE","payableMonths":1,"amountDue":18400}]}""";

    static final String DUE_CSV = """
            participantId,nikMasked,fullName,phone,agentCode,coveredUntil,firstUnpaidMonth,lapsesOn,status,payableMonths,amountDue
            4f2a9c1e-7b3d-4a5e-8f60-1c2d3e4f5a6b,3201**********0001,Siti Aminah,'+6281234567890,AGDEMO000001,2026-07,2026-08,2026-12-01,AT_RISK,4,113600
            9c1e4f2a-3d7b-4e5a-860f-2d3e4f5a6b1c,3273**********0002,Budi Santoso,'+6285712345678,AGDEMO000001,,2026-11,2027-03-01,DUE,1,18400
            """;

    static final String SUMMARY = """
            {"month":"2026-11","agents":[{"agentCode":"AGDEMO000001","due":1,"atRisk":1,"lapsed":0,"amountDue":132000}],
             "total":{"due":1,"atRisk":1,"lapsed":0,"amountDue":132000}}""";

    private CollectionExamples() {
    }
}
