package id.perisai.api.sponsorship.rest;

/** Examples of the sponsorship operations; the ids are those of the dev seed's demo sponsorship (DemoSponsorship). */
final class SponsorshipExamples {

    static final String ID = "7d3f0c52-8a1b-4e6f-9c2d-1a2b3c4d5e6f";
    /**
     * The invoice examples' month: {@code current} (InvoiceService.CURRENT_MONTH), not a literal month. The document is
     * built once and committed, so it cannot name the month of the day it is read; the dev seed's demo sponsorship
     * starts in the month of seeding, and its invoice of that month is what {@code current} names — payable on any
     * date, in the console and in RequestExamplesIT alike, while the committed document never changes with the date.
     */
    static final String MONTH = "current";
    /** The month path parameter of the invoice operations. */
    static final String MONTH_PARAMETER = "Month, YYYY-MM, or `current` for the current WIB month (within the"
            + " sponsorship, at most 12 months ahead)";
    static final String BATCH_ID = "5e2a7c41-9b3d-4f6e-8a1c-2d3e4f5a6b7c";

    static final String CREATE = """
            {"partnerCode":"DEMO-WADAH","payerType":"DONOR","payerName":"Yayasan Peduli Pekerja (CSR)",
             "reference":"CSR-2026-JKKJKM-3BULAN","fromMonth":"2026-12","toMonth":"2027-02","maxMembers":2000}""";

    static final String SPONSORSHIP = """
            {"sponsorshipId":"7d3f0c52-8a1b-4e6f-9c2d-1a2b3c4d5e6f","partnerCode":"DEMO-WADAH","payerType":"GOVERNMENT",
             "payerName":"Pemprov DKI Jakarta — APBD 2026","reference":"APBD-2026-PPSU-01","fromMonth":"2026-12",
             "toMonth":"2027-11","maxMembers":2000,"members":3,"status":"ACTIVE"}""";

    static final String PAGE = "{\"items\":[" + SPONSORSHIP + "]}";

    static final String UPDATE = """
            {"status":"ENDED"}""";

    static final String ENDED = """
            {"sponsorshipId":"7d3f0c52-8a1b-4e6f-9c2d-1a2b3c4d5e6f","partnerCode":"DEMO-WADAH","payerType":"GOVERNMENT",
             "payerName":"Pemprov DKI Jakarta — APBD 2026","reference":"APBD-2026-PPSU-01","fromMonth":"2026-12",
             "toMonth":"2027-11","maxMembers":2000,"members":3,"status":"ENDED"}""";

    static final String MEMBERS = """
            {"items":[{"participantId":"a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a01","nikMasked":"3174**********0006",
              "agentCode":"AGDEMO000001","fromMonth":"2026-12"}]}""";

    static final String MEMBERS_CSV = """
            participantId,nikMasked,agentCode,fromMonth,coveredUntil
            a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a01,3174**********0006,AGDEMO000001,2026-12,
            """;

    static final String INVOICE = """
            {"month":"2026-12","status":"OPEN","lines":[
              {"participantId":"a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a01","nikMasked":"3174**********0006","agentCode":"AGDEMO000001","amount":56800},
              {"participantId":"a1b2c3d4-0002-4e5f-8a9b-0c1d2e3f4a02","nikMasked":"3174**********0007","agentCode":"AGDEMO000001","amount":56800},
              {"participantId":"a1b2c3d4-0003-4e5f-8a9b-0c1d2e3f4a03","nikMasked":"3174**********0008","agentCode":"AGDEMO000001","amount":56800}],
             "excluded":[],"count":3,"totalAmount":170400}""";

    static final String INVOICE_CSV = """
            month,status,participantId,nikMasked,agentCode,amount,excludedReason
            2026-12,OPEN,a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a01,3174**********0006,AGDEMO000001,56800,
            2026-12,OPEN,TOTAL,,,56800,
            """;

    static final String PAYMENT_REQUEST = """
            {"paymentRef":"SP2D-2026-12-0001","amount":170400,"paidAt":"2026-12-01T08:00:00+07:00"}""";

    static final String PAYMENT = """
            {"paymentRef":"SP2D-2026-12-0001","month":"2026-12","count":3,"totalAmount":170400,
             "contributionIds":["0f9c2a1e-5b3d-4a5e-8f60-1c2d3e4f5a6b","1f9c2a1e-5b3d-4a5e-8f60-1c2d3e4f5a6b",
                                "2f9c2a1e-5b3d-4a5e-8f60-1c2d3e4f5a6b"]}""";

    static final String MISMATCH = """
            {"type":"https://api.perisai.bpjsketenagakerjaan.go.id/problems/amount-mismatch","title":"The amount is not the invoice's total",
             "status":422,"detail":"The invoice's total is 170400","instance":"/v1/sponsorships/7d3f0c52-8a1b-4e6f-9c2d-1a2b3c4d5e6f/invoices/2026-12/payments",
             "correlationId":"5f0c8a0e-9f2d-4c1b-8a57-2b7f0b6f2a11","expectedAmount":170400,
             "errors":[{"field":"amount","code":"AMOUNT_MISMATCH","message":"the invoice's total is 170400"}]}""";

    static final String ALREADY_PAID = """
            {"type":"https://api.perisai.bpjsketenagakerjaan.go.id/problems/conflict","title":"Conflict","status":409,
             "detail":"The invoice of this month is already paid","instance":"/v1/sponsorships/7d3f0c52-8a1b-4e6f-9c2d-1a2b3c4d5e6f/invoices/2026-12/payments",
             "correlationId":"5f0c8a0e-9f2d-4c1b-8a57-2b7f0b6f2a11"}""";

    static final String JSON_BATCH = """
            {"records":[
              {"externalRef":"ppsu-1","nik":"3174011005880006","action":"ADD","fromMonth":"2026-12"},
              {"externalRef":"ppsu-2","nik":"3174016107910007","action":"REMOVE","fromMonth":"2027-06"}]}""";

    static final String CSV_BATCH = """
            externalRef,nik,action,fromMonth
            ppsu-1,3174011005880006,ADD,2026-12
            ppsu-2,3174016107910007,REMOVE,2027-06
            """;

    static final String BATCH = """
            {"batchId":"5e2a7c41-9b3d-4f6e-8a1c-2d3e4f5a6b7c","status":"RECEIVED","dryRun":false,"submittedAt":"2026-12-01T03:15:00Z",
             "totals":{"received":2,"accepted":0,"duplicate":0,"rejected":0}}""";

    static final String COMPLETED = """
            {"batchId":"5e2a7c41-9b3d-4f6e-8a1c-2d3e4f5a6b7c","status":"COMPLETED","dryRun":false,"submittedAt":"2026-12-01T03:15:00Z",
             "completedAt":"2026-12-01T03:15:01Z","totals":{"received":2,"accepted":1,"duplicate":1,"rejected":0}}""";

    static final String BATCH_PAGE = "{\"items\":[" + COMPLETED + "]}";

    static final String RESULTS = """
            {"items":[
              {"index":1,"externalRef":"ppsu-1","status":"DUPLICATE","participantId":"a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a01",
               "errors":[{"field":"nik","code":"ALREADY_MEMBER","message":"the participant is already a member"}]},
              {"index":2,"externalRef":"ppsu-2","status":"ACCEPTED","participantId":"a1b2c3d4-0002-4e5f-8a9b-0c1d2e3f4a02"}]}""";

    static final String RESULTS_CSV = """
            index,externalRef,status,participantId,errors
            1,ppsu-1,DUPLICATE,a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a01,nik:ALREADY_MEMBER
            2,ppsu-2,ACCEPTED,a1b2c3d4-0002-4e5f-8a9b-0c1d2e3f4a02,
            """;

    private SponsorshipExamples() {
    }
}
