package id.perisai.api.registration.rest;

import java.util.UUID;

import id.perisai.api.support.TestDb;

/** Agents put straight into the database, for tests about naming agents on registrations. */
final class AgentsForTests {

    private AgentsForTests() {
    }

    /** Inserts an agent (with a placeholder participant) and returns its code. */
    static String insertAgent(long partnerId, String status) {
        String code = "AGT" + UUID.randomUUID().toString().replace("-", "").substring(0, 9).toUpperCase();
        UUID participant = UUID.randomUUID();
        byte[] index = UUID.randomUUID().toString().getBytes();
        TestDb.update("insert into participant (id, nik_index, nik_cipher, nik_masked, status, source, registered_at,"
                + " registration_month) values (?, ?, ?, '1111**********0001', 'ACTIVE', 'REGISTRY', now(), date_trunc('month', now()))",
                participant, index, new byte[] { 1 });
        TestDb.update("insert into agent (agent_code, partner_id, participant_id, nik_index, nik_cipher, nik_masked, full_name,"
                + " phone, bank_code, bank_account_cipher, bank_account_masked, bank_account_name, education, status)"
                + " values (?, ?, ?, ?, ?, '1111**********0001', 'Agen Test', '+6281200000000', 'BNI', ?, '******0000',"
                + " 'Agen Test', 'SMA', ?)", code, partnerId, participant, index, new byte[] { 1 }, new byte[] { 1 }, status);
        return code;
    }
}
