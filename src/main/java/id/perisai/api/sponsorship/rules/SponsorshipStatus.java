package id.perisai.api.sponsorship.rules;

/** A sponsorship's state: ACTIVE (members may be added, invoices paid) or ENDED (by admin). */
public enum SponsorshipStatus {
    ACTIVE,
    ENDED
}
