package id.perisai.api.partner.rest;

/** Request and response examples of the partner admin operations, shown in the OpenAPI document. */
final class PartnerExamples {

    static final String CREATE = """
            {"code":"SPSI-DPC-BDG","name":"DPC SPSI Kota Bandung","type":"UNION","branchOffice":"Bandung Suci",
             "quota":{"registrationsPerDay":5000,"contributionsPerDay":20000,"maxBatchRecords":100000,"requestsPerMinute":600}}""";

    static final String PARTNER = """
            {"code":"SPSI-DPC-BDG","name":"DPC SPSI Kota Bandung","type":"UNION","branchOffice":"Bandung Suci","status":"ACTIVE",
             "quota":{"registrationsPerDay":5000,"contributionsPerDay":20000,"maxBatchRecords":100000,"requestsPerMinute":600},
             "createdAt":"2026-11-21T03:15:00Z","updatedAt":"2026-11-21T03:15:00Z"}""";

    static final String PAYOUT_ACCOUNT = """
            {"bankCode":"BNI","bankAccountNumber":"0987654321","bankAccountName":"DPC SPSI KOTA BANDUNG"}""";

    static final String PARTNER_WITH_ACCOUNT = """
            {"code":"SPSI-DPC-BDG","name":"DPC SPSI Kota Bandung","type":"UNION","branchOffice":"Bandung Suci","status":"ACTIVE",
             "quota":{"registrationsPerDay":5000,"contributionsPerDay":20000,"maxBatchRecords":100000,"requestsPerMinute":600},
             "payoutAccount":{"bankCode":"BNI","bankAccountNumberMasked":"******4321","bankAccountName":"DPC SPSI KOTA BANDUNG"},
             "createdAt":"2026-11-21T03:15:00Z","updatedAt":"2026-11-21T04:00:00Z"}""";

    static final String SUSPENDED_PARTNER = """
            {"code":"SPSI-DPC-BDG","name":"DPC SPSI Kota Bandung","type":"UNION","branchOffice":"Bandung Suci","status":"SUSPENDED",
             "quota":{"registrationsPerDay":5000,"contributionsPerDay":20000,"maxBatchRecords":100000,"requestsPerMinute":600},
             "createdAt":"2026-11-21T03:15:00Z","updatedAt":"2026-11-22T08:00:00Z"}""";

    static final String PAGE = """
            {"items":[{"code":"SPSI-DPC-BDG","name":"DPC SPSI Kota Bandung","type":"UNION","branchOffice":"Bandung Suci","status":"ACTIVE",
             "quota":{"registrationsPerDay":5000,"contributionsPerDay":20000,"maxBatchRecords":100000,"requestsPerMinute":600},
             "createdAt":"2026-11-21T03:15:00Z","updatedAt":"2026-11-21T03:15:00Z"}],"nextCursor":"U1BTSS1EUEMtQkRH"}""";

    static final String UPDATE = """
            {"name":"Wadah Demo Perisai"}""";

    static final String QUOTA = """
            {"registrationsPerDay":10000,"contributionsPerDay":40000,"maxBatchRecords":200000,"requestsPerMinute":1200}""";

    static final String DUPLICATE = """
            {"type":"https://api.perisai.bpjsketenagakerjaan.go.id/problems/conflict","title":"The request conflicts with the current state",
             "status":409,"detail":"A partner with this code already exists","instance":"/v1/admin/partners",
             "correlationId":"5f0c8a0e-9f2d-4c1b-8a57-2b7f0b6f2a11"}""";

    static final String CREATE_CLIENT = """
            {"name":"Union portal production","scopes":["agents:read","agents:write","registrations:read","registrations:write"]}""";

    static final String CLIENT_CREATED = """
            {"clientId":"prc_7kq2m4x9v3b8n5c1z6ta","clientSecret":"prs_Hq3k9wX2vB7nM4cP8tR1yL6jD0fG5sA3eZ9uK2oI7w",
             "name":"Union portal production","scopes":["agents:read","agents:write","registrations:read","registrations:write"],
             "createdAt":"2026-11-21T03:15:00Z"}""";

    static final String CLIENT_PAGE = """
            {"items":[{"clientId":"prc_7kq2m4x9v3b8n5c1z6ta","name":"Union portal production","scopes":["agents:read","registrations:write"],
             "status":"ACTIVE","createdAt":"2026-11-21T03:15:00Z","lastUsedAt":"2026-11-21T04:00:00Z"}]}""";

    private PartnerExamples() {
    }
}
