package id.perisai.api.partner.repository;

/** Kind of Wadah. */
public enum PartnerType {
    AGGREGATOR,
    UNION,
    COMMUNITY,
    OTHER
}
