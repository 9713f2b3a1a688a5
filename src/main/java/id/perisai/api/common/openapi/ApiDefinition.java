package id.perisai.api.common.openapi;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.info.Contact;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.security.OAuthFlow;
import org.eclipse.microprofile.openapi.annotations.security.OAuthFlows;
import org.eclipse.microprofile.openapi.annotations.security.OAuthScope;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.servers.Server;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import id.perisai.api.security.Scopes;

/** The OpenAPI document's header: description, tags and the OAuth2 client-credentials security scheme. */
@OpenAPIDefinition(info = @Info(title = "Perisai Partner API", version = "1.0.0", description = """
        The API through which aggregators, trade unions and community groups acting as Perisai agents of BPJS
        Ketenagakerjaan (Wadah) submit bulk registrations of informal workers and their contributions, within quotas
        set by the agency, and query the incentives their agents earned.

        **Authentication.** Every `/v1` call needs `Authorization: Bearer <token>`. Partners get tokens from
        `POST /oauth2/token` with their client credentials (in this console: *Authorize*, client credentials flow).
        Each token acts for one partner (`partner_id`) with a set of scopes.

        **Conventions.** JSON with camelCase fields; money in whole rupiah; dates `YYYY-MM-DD` and months `YYYY-MM`
        in WIB (Asia/Jakarta); lists take `?limit=` (1–500) and `?cursor=`; errors are RFC 9457 problem details
        (`application/problem+json`) with `errors[]` for invalid input. Unknown JSON properties are refused.
        Personal data (NIK) never goes in a URL.""", contact = @Contact(name = "Perisai Partner API team"), license = @License(name = "Proprietary: for Perisai partners of BPJS Ketenagakerjaan", url = "https://api.perisai.bpjsketenagakerjaan.go.id/terms")), servers = @Server(url = "/", description = "The host serving this document: local development, test or production alike (a generated client takes its base URL as configuration)", extensions = @Extension(name = "x-internal", value = "false", parseValue = true)), tags = {
        @Tag(name = "Partner", description = "The calling partner"),
        @Tag(name = "Agents", description = "The partner's Perisai agents (rules.md §5)"),
        @Tag(name = "Registrations", description = "Bulk registrations of informal workers: JSON, NDJSON or CSV, processed asynchronously"),
        @Tag(name = "Participants", description = "Workers the partner registered or manages"),
        @Tag(name = "Contributions", description = "Contribution payments (iuran), quotes and coverage (rules.md §4)"),
        @Tag(name = "Incentives", description = "What the partner's agents earned: statements and ledger lines per period (rules.md §6)"),
        @Tag(name = "Collections", description = "Who of the partner's participants must pay, how much, and the day they lapse (growth.md §1)"),
        @Tag(name = "Sponsorships", description = "Governments, donors or the partner paying for rosters of participants: members, monthly invoices, payments (growth.md §2)"),
        @Tag(name = "Admin: registry", description = "Agency staff: import participants registered through other channels"),
        @Tag(name = "Admin: incentives", description = "Agency staff: incentive schemes, closing periods, payouts, voiding registrations"),
        @Tag(name = "Admin: sponsorships", description = "Agency staff: sponsorships for a partner and a payer, and their invoices"),
        @Tag(name = "OAuth2", description = "Tokens for partner systems (client credentials) and the issuer's signing keys"),
        @Tag(name = "Admin: partners", description = "Agency staff: onboard partners, set quotas, manage their OAuth2 clients")
})
@SecurityScheme(securitySchemeName = ApiDefinition.SECURITY_SCHEME, type = SecuritySchemeType.OAUTH2, description = """
        OAuth2 client credentials. Partner clients are created by agency staff; a token carries the scopes asked for
        (a subset of the client's) and the partner it acts for. Tokens are JWTs issued and verified as RFC8725 advises:
        RS256 or ES256 only (never `none` or HMAC), `iss`, `aud`, `exp`, `iat`, `jti` and `sub` required and checked,
        valid at most one hour.""", flows = @OAuthFlows(clientCredentials = @OAuthFlow(tokenUrl = "/oauth2/token", scopes = {
        @OAuthScope(name = Scopes.AGENTS_READ, description = "Read the partner's agents"),
        @OAuthScope(name = Scopes.AGENTS_WRITE, description = "Register and update the partner's agents"),
        @OAuthScope(name = Scopes.REGISTRATIONS_READ, description = "Read registration batches, results and participants"),
        @OAuthScope(name = Scopes.REGISTRATIONS_WRITE, description = "Submit registration batches"),
        @OAuthScope(name = Scopes.CONTRIBUTIONS_READ, description = "Read contribution batches and payments"),
        @OAuthScope(name = Scopes.CONTRIBUTIONS_WRITE, description = "Submit contribution batches"),
        @OAuthScope(name = Scopes.INCENTIVES_READ, description = "Read incentive statements"),
        @OAuthScope(name = Scopes.REPORTS_READ, description = "Read performance reports of the partner's agents"),
        @OAuthScope(name = Scopes.WEBHOOKS_MANAGE, description = "Manage the partner's webhook endpoints and read their deliveries"),
        @OAuthScope(name = Scopes.ADMIN, description = "Agency staff: /v1/admin/** only")
})))
public class ApiDefinition extends Application {

    public static final String SECURITY_SCHEME = "oauth2";
}
