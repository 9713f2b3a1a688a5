package id.perisai.api.partner.repository;

/** A SUSPENDED partner's tokens are refused (403 partner-suspended). */
public enum PartnerStatus {
    ACTIVE,
    SUSPENDED
}
