package id.perisai.api.agent.rest;

/** Examples of the agent operations. */
final class AgentExamples {

    static final String CREATE = """
            {"nik":"3578014708900005","fullName":"Sri Rahayu","phone":"081234567891","email":"sri.rahayu@example.co.id",
             "bankCode":"BNI","bankAccountNumber":"0123456789","bankAccountName":"SRI RAHAYU","education":"SMA"}""";

    static final String AGENT = """
            {"agentCode":"AG7K2M4X9V3B","status":"ACTIVE","nikMasked":"3201**********0001","fullName":"Siti Aminah",
             "phone":"+6281234567890","email":"siti.aminah@example.co.id","bankCode":"BNI","bankAccountNumberMasked":"******6789",
             "bankAccountName":"SITI AMINAH","education":"SMA","createdAt":"2026-11-21T03:15:00Z","updatedAt":"2026-11-21T03:15:00Z"}""";

    static final String PAGE = """
            {"items":[{"agentCode":"AG7K2M4X9V3B","status":"ACTIVE","nikMasked":"3201**********0001","fullName":"Siti Aminah",
             "phone":"+6281234567890","bankCode":"BNI","bankAccountNumberMasked":"******6789","bankAccountName":"SITI AMINAH",
             "education":"SMA","createdAt":"2026-11-21T03:15:00Z","updatedAt":"2026-11-21T03:15:00Z"}],"nextCursor":"QUc3SzJNNFg5VjNC"}""";

    static final String UPDATE = """
            {"phone":"081298765432"}""";

    static final String INELIGIBLE = """
            {"type":"https://api.perisai.bpjsketenagakerjaan.go.id/problems/agent-ineligible","title":"The person cannot be registered as an agent",
             "status":422,"detail":"2 eligibility rules are not met","instance":"/v1/agents","correlationId":"5f0c8a0e-9f2d-4c1b-8a57-2b7f0b6f2a11",
             "errors":[{"field":"bankCode","code":"BANK_NOT_DESIGNATED","message":"must be one of the designated banks: BNI, CIMB_NIAGA"},
                       {"field":"education","code":"EDUCATION_INSUFFICIENT","message":"at least senior high school (SMA/SMK) is required"}]}""";

    static final String ALREADY = """
            {"type":"https://api.perisai.bpjsketenagakerjaan.go.id/problems/conflict","title":"The request conflicts with the current state",
             "status":409,"detail":"This person is already a Perisai agent","instance":"/v1/agents",
             "errors":[{"field":"nik","code":"AGENT_ALREADY_REGISTERED","message":"an agent belongs to exactly one partner and registers once"}]}""";

    private AgentExamples() {
    }
}
