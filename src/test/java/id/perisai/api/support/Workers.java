package id.perisai.api.support;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Realistic, valid informal workers for tests: every NIK is unique in the test run and consistent with its birth date
 * and gender. Every NIK handed out is remembered, so tests can prove none of them is stored or logged in plaintext.
 */
public final class Workers {

    static final int[] PROVINCES = { 11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62,
            63, 64, 65, 71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96 };
    static final AtomicInteger SERIAL = new AtomicInteger(ThreadLocalRandom.current().nextInt(1, 5000));
    static final Set<String> ISSUED = ConcurrentHashMap.newKeySet();
    static final Set<String> PHONES = ConcurrentHashMap.newKeySet();

    private Workers() {
    }

    /** Every phone number handed out in this JVM (national form). */
    public static Set<String> issuedPhones() {
        return PHONES;
    }

    /** Every NIK generated in this JVM. */
    public static Set<String> issuedNiks() {
        return ISSUED;
    }

    /** A unique valid NIK for a person born on that day, of that gender. */
    public static String nik(LocalDate birthDate, String gender) {
        while (true) {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            int day = birthDate.getDayOfMonth() + ("F".equals(gender) ? 40 : 0);
            int serial = SERIAL.incrementAndGet() % 9999 + 1;
            String nik = String.format("%02d%02d%02d%02d%02d%02d%04d", PROVINCES[r.nextInt(PROVINCES.length)],
                    r.nextInt(1, 70), r.nextInt(1, 100), day, birthDate.getMonthValue(), birthDate.getYear() % 100, serial);
            if (ISSUED.add(nik)) {
                return nik;
            }
        }
    }

    /** A valid registration record of a new worker (born 1990, so eligible for decades of tests). */
    public static Map<String, Object> record(String externalRef) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        LocalDate birth = LocalDate.of(r.nextInt(1970, 2005), r.nextInt(1, 13), r.nextInt(1, 29));
        String gender = r.nextBoolean() ? "F" : "M";
        return record(externalRef, nik(birth, gender), birth, gender);
    }

    public static Map<String, Object> record(String externalRef, String nik, LocalDate birth, String gender) {
        Map<String, Object> rec = new LinkedHashMap<>();
        rec.put("externalRef", externalRef);
        rec.put("nik", nik);
        rec.put("fullName", "F".equals(gender) ? "Siti Aminah" : "Budi Santoso");
        rec.put("birthDate", birth.toString());
        rec.put("gender", gender);
        String phone = "0812" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        PHONES.add(phone);
        rec.put("phone", phone);
        rec.put("occupation", "PEDAGANG");
        rec.put("monthlyIncome", 2_500_000);
        rec.put("programs", List.of("JKK", "JKM", "JHT"));
        return rec;
    }

    /** The birth date and gender encoded in a NIK (century guessed as 19xx for years over 10). */
    public static Map<String, Object> recordFor(String externalRef, String nik) {
        int day = Integer.parseInt(nik.substring(6, 8));
        String gender = day > 40 ? "F" : "M";
        int yy = Integer.parseInt(nik.substring(10, 12));
        LocalDate birth = LocalDate.of(yy > 10 ? 1900 + yy : 2000 + yy, Integer.parseInt(nik.substring(8, 10)),
                day > 40 ? day - 40 : day);
        return record(externalRef, nik, birth, gender);
    }

    public static List<Map<String, Object>> records(int count, String refPrefix) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            records.add(record(refPrefix + i));
        }
        return records;
    }
}
