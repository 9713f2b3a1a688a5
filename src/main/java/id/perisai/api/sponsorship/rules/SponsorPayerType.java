package id.perisai.api.sponsorship.rules;

import id.perisai.api.contribution.rules.PayerType;

/** Who pays a sponsorship's invoices: a government budget (APBN/APBD), a donor (CSR), or the partner (the Wadah). */
public enum SponsorPayerType {
    GOVERNMENT,
    DONOR,
    PARTNER;

    /** The payer type its contributions are recorded (and priced, rules.md §4) with. */
    public PayerType payerType() {
        return PayerType.valueOf(name());
    }
}
