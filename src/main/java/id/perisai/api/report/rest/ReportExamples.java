package id.perisai.api.report.rest;

/** OpenAPI examples of the reports and targets (figures of the dev seed's demo partner). */
final class ReportExamples {

    private ReportExamples() {
    }

    static final String PARTNER_REPORT = """
            {"from":"2026-11","to":"2026-11","groupBy":"agent","rows":[
              {"key":"AGDEMO000001","registrations":3,"reactivations":0,"acquisitions":3,"contributions":3,
               "contributionAmount":85200,"activeAtEnd":3,"lapsed":0,"incentives":57780,"persistency":{}}],
             "total":{"registrations":3,"reactivations":0,"acquisitions":3,"contributions":3,"contributionAmount":85200,
               "activeAtEnd":3,"lapsed":0,"incentives":57780,"persistency":{},"target":1200,"achieved":3,"achievedPct":0.3}}""";

    static final String PARTNER_REPORT_CSV = """
            key,registrations,reactivations,acquisitions,contributions,contributionAmount,activeAtEnd,lapsed,incentives,p3,p6,p12,target,achieved,achievedPct
            AGDEMO000001,3,0,3,3,85200,3,0,57780,,,,,,
            TOTAL,3,0,3,3,85200,3,0,57780,,,,1200,3,0.3
            """;

    static final String ADMIN_REPORT = """
            {"from":"2026-01","to":"2026-12","groupBy":"branchOffice","rows":[
              {"key":"Jakarta Salemba","registrations":1204,"reactivations":35,"acquisitions":1100,"contributions":5210,
               "contributionAmount":121400000,"activeAtEnd":1010,"lapsed":88,"incentives":15400000,
               "persistency":{"p3":0.81,"p6":0.66},"target":101000,"achieved":1204,"achievedPct":1.2}],
             "total":{"registrations":1204,"reactivations":35,"acquisitions":1100,"contributions":5210,
               "contributionAmount":121400000,"activeAtEnd":1010,"lapsed":88,"incentives":15400000,
               "persistency":{"p3":0.81,"p6":0.66}}}""";

    static final String TARGETS = """
            {"branchOffices":[{"branchOffice":"Jakarta Salemba","newParticipants":101000}],
             "partners":[{"partnerCode":"DEMO-WADAH","newParticipants":1200}]}""";

    static final String TARGETS_RESPONSE = """
            {"year":2026,"branchOffices":[{"branchOffice":"Jakarta Salemba","newParticipants":101000,"achieved":3,"achievedPct":0.0}],
             "partners":[{"partnerCode":"DEMO-WADAH","newParticipants":1200,"achieved":3,"achievedPct":0.3}]}""";
}
