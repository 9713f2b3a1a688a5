package id.perisai.api.contribution.rules;

/** Who pays a contribution: the worker, the Wadah, a government budget (APBN/APBD) or a donor/CSR programme. */
public enum PayerType {
    SELF,
    PARTNER,
    GOVERNMENT,
    DONOR
}
