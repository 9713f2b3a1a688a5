package id.perisai.api.security;

import java.util.Set;

/** OAuth2 scopes of the API; each becomes a role of the caller ({@code @RolesAllowed}). */
public final class Scopes {

    public static final String AGENTS_READ = "agents:read";
    public static final String AGENTS_WRITE = "agents:write";
    public static final String REGISTRATIONS_READ = "registrations:read";
    public static final String REGISTRATIONS_WRITE = "registrations:write";
    public static final String CONTRIBUTIONS_READ = "contributions:read";
    public static final String CONTRIBUTIONS_WRITE = "contributions:write";
    public static final String INCENTIVES_READ = "incentives:read";
    /** Performance reports of the partner's own agents (growth.md §3). */
    public static final String REPORTS_READ = "reports:read";
    /** Register and manage the partner's webhook endpoints and read their deliveries (events.md). */
    public static final String WEBHOOKS_MANAGE = "webhooks:manage";
    /** Agency staff; valid on {@code /v1/admin/**} only and needs no {@code partner_id}. */
    public static final String ADMIN = "admin";

    /** Scopes that act for one partner: a token carrying any of them must name the partner in {@code partner_id}. */
    public static final Set<String> PARTNER = Set.of(AGENTS_READ, AGENTS_WRITE, REGISTRATIONS_READ, REGISTRATIONS_WRITE,
            CONTRIBUTIONS_READ, CONTRIBUTIONS_WRITE, INCENTIVES_READ, REPORTS_READ, WEBHOOKS_MANAGE);

    public static final Set<String> ALL = Set.of(AGENTS_READ, AGENTS_WRITE, REGISTRATIONS_READ, REGISTRATIONS_WRITE,
            CONTRIBUTIONS_READ, CONTRIBUTIONS_WRITE, INCENTIVES_READ, REPORTS_READ, WEBHOOKS_MANAGE, ADMIN);

    private Scopes() {
    }

    public static boolean anyPartnerScope(Set<String> scopes) {
        return scopes.stream().anyMatch(PARTNER::contains);
    }
}
