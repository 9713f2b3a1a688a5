package id.perisai.api.registration.ingest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Column arrays of one staging chunk: the valid records (to {@code registration_input}) and the rejected ones (to
 * {@code registration_result}), written by one {@code unnest} statement.
 */
public final class StagingChunk {

    final List<Integer> idx = new ArrayList<>();
    final List<Buffer> nikIndex = new ArrayList<>();
    final List<Buffer> nikCipher = new ArrayList<>();
    final List<String> nikMasked = new ArrayList<>();
    final List<String> fullName = new ArrayList<>();
    final List<LocalDate> birthDate = new ArrayList<>();
    final List<String> gender = new ArrayList<>();
    final List<String> phone = new ArrayList<>();
    final List<String> email = new ArrayList<>();
    final List<String> occupation = new ArrayList<>();
    final List<Long> monthlyIncome = new ArrayList<>();
    final List<Boolean> jht = new ArrayList<>();
    final List<Long> agentId = new ArrayList<>();
    final List<String> externalRef = new ArrayList<>();
    final List<String> address = new ArrayList<>();
    final List<String> regionCode = new ArrayList<>();

    final List<Integer> rejectedIdx = new ArrayList<>();
    final List<String> rejectedRef = new ArrayList<>();
    final List<String> rejectedErrors = new ArrayList<>();

    /** A valid record, its NIK already encrypted and indexed. */
    public void addValid(int index, byte[] nikIndexBytes, byte[] nikCipherBytes, String masked, String name,
            LocalDate birth, String sex, String phoneE164, String mail, String occupationCode, long income, boolean hasJht,
            Long agent, String ref, String addr, String region) {
        idx.add(index);
        nikIndex.add(Buffer.buffer(nikIndexBytes));
        nikCipher.add(Buffer.buffer(nikCipherBytes));
        nikMasked.add(masked);
        fullName.add(name);
        birthDate.add(birth);
        gender.add(sex);
        phone.add(phoneE164);
        email.add(mail);
        occupation.add(occupationCode);
        monthlyIncome.add(income);
        jht.add(hasJht);
        agentId.add(agent);
        externalRef.add(ref);
        address.add(addr);
        regionCode.add(region);
    }

    /** A rejected record with its errors as a JSON array. */
    public void addRejected(int index, String ref, String errorsJson) {
        rejectedIdx.add(index);
        rejectedRef.add(ref);
        rejectedErrors.add(errorsJson);
    }

    public int size() {
        return idx.size() + rejectedIdx.size();
    }

    public int validCount() {
        return idx.size();
    }

    public Tuple tuple(java.util.UUID batchId) {
        return Tuple.from(new Object[] { batchId, idx.toArray(new Integer[0]), nikIndex.toArray(new Buffer[0]),
                nikCipher.toArray(new Buffer[0]), nikMasked.toArray(new String[0]), fullName.toArray(new String[0]),
                birthDate.toArray(new LocalDate[0]), gender.toArray(new String[0]), phone.toArray(new String[0]),
                email.toArray(new String[0]), occupation.toArray(new String[0]), monthlyIncome.toArray(new Long[0]),
                jht.toArray(new Boolean[0]), agentId.toArray(new Long[0]), externalRef.toArray(new String[0]),
                address.toArray(new String[0]), regionCode.toArray(new String[0]), rejectedIdx.toArray(new Integer[0]),
                rejectedRef.toArray(new String[0]), rejectedErrors.toArray(new String[0]) });
    }
}
