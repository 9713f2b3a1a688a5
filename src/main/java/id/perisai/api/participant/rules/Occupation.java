package id.perisai.api.participant.rules;

/** BPU occupations (rules.md §3) and their class, which decides the PP 50/2025 discount window. */
public enum Occupation {
    PETANI(OccupationClass.GENERAL),
    NELAYAN(OccupationClass.GENERAL),
    PEDAGANG(OccupationClass.GENERAL),
    OJEK(OccupationClass.TRANSPORT),
    SOPIR(OccupationClass.TRANSPORT),
    KURIR(OccupationClass.TRANSPORT),
    BURUH_HARIAN(OccupationClass.GENERAL),
    TUKANG(OccupationClass.GENERAL),
    PENJAHIT(OccupationClass.GENERAL),
    PENGRAJIN(OccupationClass.GENERAL),
    MONTIR(OccupationClass.GENERAL),
    PEKERJA_RUMAH_TANGGA(OccupationClass.GENERAL),
    PETUGAS_KEBERSIHAN(OccupationClass.GENERAL),
    SENIMAN(OccupationClass.GENERAL),
    LAINNYA(OccupationClass.GENERAL);

    /** Occupation classes. */
    public enum OccupationClass {
        GENERAL,
        TRANSPORT
    }

    private final OccupationClass occupationClass;

    Occupation(OccupationClass occupationClass) {
        this.occupationClass = occupationClass;
    }

    public OccupationClass occupationClass() {
        return occupationClass;
    }

    /** The occupation with exactly this code, or null. */
    public static Occupation ofCode(String code) {
        for (Occupation o : values()) {
            if (o.name().equals(code)) {
                return o;
            }
        }
        return null;
    }
}
