package id.perisai.api.registration.ingest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;

import io.vertx.core.buffer.Buffer;

/**
 * The valid records of one chunk of a registration batch, staged as a single compact binary value (one row of
 * {@code registration_chunk}) rather than a row per record: staging then costs PostgreSQL one write per chunk, and
 * the chunk is decoded back into the column arrays of the set-based processing statement.
 */
public final class RegistrationChunk {

    static final int FORMAT = 1;

    private RegistrationChunk() {
    }

    /** Builds a chunk record by record. */
    public static final class Writer {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 * 1024);
        private final DataOutputStream out = new DataOutputStream(bytes);
        private int count;
        private int firstIndex;
        private int lastIndex;

        public void add(int index, byte[] nikIndex, byte[] nikCipher, String nikMasked, String fullName, LocalDate birthDate,
                String gender, String phone, String email, String occupation, long monthlyIncome, boolean jht, Long agentId,
                String externalRef, String address, String regionCode) {
            try {
                out.writeInt(index);
                out.writeShort(nikIndex.length);
                out.write(nikIndex);
                out.writeShort(nikCipher.length);
                out.write(nikCipher);
                out.writeUTF(nikMasked);
                out.writeUTF(fullName);
                out.writeLong(birthDate.toEpochDay());
                out.writeUTF(gender);
                out.writeUTF(phone);
                optional(email);
                out.writeUTF(occupation);
                out.writeLong(monthlyIncome);
                out.writeBoolean(jht);
                out.writeBoolean(agentId != null);
                if (agentId != null) {
                    out.writeLong(agentId);
                }
                optional(externalRef);
                optional(address);
                optional(regionCode);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (count == 0) {
                firstIndex = index;
            }
            lastIndex = index;
            count++;
        }

        private void optional(String value) throws IOException {
            out.writeBoolean(value != null);
            if (value != null) {
                out.writeUTF(value);
            }
        }

        public int count() {
            return count;
        }

        public int firstIndex() {
            return firstIndex;
        }

        public int lastIndex() {
            return lastIndex;
        }

        /** The encoded chunk: a format byte, the record count, the records. */
        public byte[] toBytes() {
            ByteArrayOutputStream whole = new ByteArrayOutputStream(bytes.size() + 5);
            try {
                DataOutputStream header = new DataOutputStream(whole);
                header.writeByte(FORMAT);
                header.writeInt(count);
                bytes.writeTo(whole);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return whole.toByteArray();
        }
    }

    /** A decoded chunk as the column arrays of the processing statement. */
    public static final class Columns {
        public final Integer[] idx;
        public final Buffer[] nikIndex;
        public final Buffer[] nikCipher;
        public final String[] nikMasked;
        public final String[] fullName;
        public final LocalDate[] birthDate;
        public final String[] gender;
        public final String[] phone;
        public final String[] email;
        public final String[] occupation;
        public final Long[] monthlyIncome;
        public final Boolean[] jht;
        public final Long[] agentId;
        public final String[] externalRef;
        public final String[] address;
        public final String[] regionCode;

        Columns(int n) {
            idx = new Integer[n];
            nikIndex = new Buffer[n];
            nikCipher = new Buffer[n];
            nikMasked = new String[n];
            fullName = new String[n];
            birthDate = new LocalDate[n];
            gender = new String[n];
            phone = new String[n];
            email = new String[n];
            occupation = new String[n];
            monthlyIncome = new Long[n];
            jht = new Boolean[n];
            agentId = new Long[n];
            externalRef = new String[n];
            address = new String[n];
            regionCode = new String[n];
        }

        public int size() {
            return idx.length;
        }
    }

    public static Columns decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int format = in.readUnsignedByte();
            if (format != FORMAT) {
                throw new IllegalStateException("unknown registration chunk format " + format);
            }
            int n = in.readInt();
            Columns c = new Columns(n);
            for (int i = 0; i < n; i++) {
                c.idx[i] = in.readInt();
                c.nikIndex[i] = Buffer.buffer(read(in));
                c.nikCipher[i] = Buffer.buffer(read(in));
                c.nikMasked[i] = in.readUTF();
                c.fullName[i] = in.readUTF();
                c.birthDate[i] = LocalDate.ofEpochDay(in.readLong());
                c.gender[i] = in.readUTF();
                c.phone[i] = in.readUTF();
                c.email[i] = optional(in);
                c.occupation[i] = in.readUTF();
                c.monthlyIncome[i] = in.readLong();
                c.jht[i] = in.readBoolean();
                c.agentId[i] = in.readBoolean() ? in.readLong() : null;
                c.externalRef[i] = optional(in);
                c.address[i] = optional(in);
                c.regionCode[i] = optional(in);
            }
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readUnsignedShort()];
        in.readFully(b);
        return b;
    }

    private static String optional(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
