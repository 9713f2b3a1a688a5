package id.perisai.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Realistic valid workers and payments, generated (never read from anywhere): unique NIKs in every run. */
final class Workload {

    static final int[] PROVINCES = { 11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62,
            63, 64, 65, 71, 72, 73, 74, 75, 76, 81, 82, 91, 92 };
    static final String[] OCCUPATIONS = { "PETANI", "NELAYAN", "PEDAGANG", "BURUH_HARIAN", "TUKANG", "PENJAHIT",
            "PENGRAJIN", "MONTIR", "PEKERJA_RUMAH_TANGGA", "PETUGAS_KEBERSIHAN", "SENIMAN", "LAINNYA" };
    static final String[] FEMALE = { "Siti Aminah", "Dewi Lestari", "Sri Wahyuni", "Nur Aisyah", "Rina Marlina" };
    static final String[] MALE = { "Budi Santoso", "Agus Salim", "Joko Widodo", "Ahmad Fauzi", "Rudi Hartono" };

    /** A NIK made unique by its running number (region and serial carry it), valid for the birth date and gender. */
    static String nik(long n, LocalDate birth, boolean female) {
        int province = PROVINCES[(int) (n % PROVINCES.length)];
        long rest = n / PROVINCES.length;
        int regency = (int) (rest % 69) + 1;
        rest /= 69;
        int district = (int) (rest % 99) + 1;
        rest /= 99;
        int serial = (int) (rest % 9999) + 1;
        int day = birth.getDayOfMonth() + (female ? 40 : 0);
        return String.format("%02d%02d%02d%02d%02d%02d%04d", province, regency, district, day, birth.getMonthValue(),
                birth.getYear() % 100, serial);
    }

    /** The {@code n}-th worker of a run whose NIKs start at {@code base}: income 1,000,000, JKK+JKM+JHT. */
    static Map<String, Object> worker(long base, long n, String agentCode) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        LocalDate birth = LocalDate.of(1970 + (int) (n % 35), 1 + (int) (n % 12), 1 + (int) (n % 28));
        boolean female = n % 2 == 0;
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("externalRef", "w-" + n);
        w.put("nik", nik(base + n, birth, female));
        w.put("fullName", (female ? FEMALE : MALE)[(int) (n % 5)]);
        w.put("birthDate", birth.toString());
        w.put("gender", female ? "F" : "M");
        w.put("phone", "0812" + String.format("%08d", r.nextInt(100_000_000)));
        w.put("occupation", OCCUPATIONS[(int) (n % OCCUPATIONS.length)]);
        w.put("monthlyIncome", 1_000_000);
        w.put("programs", List.of("JKK", "JKM", "JHT"));
        if (agentCode != null) {
            w.put("agentCode", agentCode);
        }
        return w;
    }

    static byte[] ndjson(List<Map<String, Object>> records) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(records.size() * 260);
        for (Map<String, Object> r : records) {
            out.write(BenchApp.JSON.writeValueAsBytes(r));
            out.write('\n');
        }
        return out.toByteArray();
    }

    /** {@code count} workers from NIK number {@code base}, agents assigned round-robin (or none). */
    static List<Map<String, Object>> workers(long base, int count, List<String> agents) {
        List<Map<String, Object>> workers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            workers.add(worker(base, i, agents.isEmpty() ? null : agents.get(i % agents.size())));
        }
        return workers;
    }

    /** One month's payment for each worker (all of them, same income and programmes, pay the same amount). */
    static List<Map<String, Object>> payments(List<Map<String, Object>> workers, String month, long amount) {
        List<Map<String, Object>> payments = new ArrayList<>(workers.size());
        String paidAt = LocalDate.now().minusDays(1) + "T09:30:00+07:00";
        int i = 0;
        for (Map<String, Object> w : workers) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("externalRef", "p-" + i);
            p.put("paymentRef", "BENCH-" + month + "-" + i++);
            p.put("nik", w.get("nik"));
            p.put("periodStart", month);
            p.put("months", 1);
            p.put("amount", amount);
            p.put("payerType", "SELF");
            p.put("paidAt", paidAt);
            payments.add(p);
        }
        return payments;
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
