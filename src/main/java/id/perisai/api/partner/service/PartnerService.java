package id.perisai.api.partner.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import id.perisai.api.agent.rules.AgentRules;
import id.perisai.api.common.audit.AuditEntry;
import id.perisai.api.common.audit.AuditEntry.Actor;
import id.perisai.api.common.audit.AuditLog;
import id.perisai.api.common.config.PerisaiConfig;
import id.perisai.api.common.db.Db;
import id.perisai.api.common.problem.ConflictException;
import id.perisai.api.common.problem.FieldError;
import id.perisai.api.common.problem.InvalidInputException;
import id.perisai.api.common.problem.ProblemException;
import id.perisai.api.common.problem.ProblemType;
import id.perisai.api.common.problem.ResourceNotFoundException;
import id.perisai.api.common.time.TimeSource;
import id.perisai.api.common.web.Page;
import id.perisai.api.common.web.PageRequest;
import id.perisai.api.partner.dto.CreatePartnerRequest;
import id.perisai.api.partner.dto.PartnerCodes;
import id.perisai.api.partner.dto.PartnerResponse;
import id.perisai.api.partner.dto.PayoutAccountDto;
import id.perisai.api.partner.dto.PayoutAccountRequest;
import id.perisai.api.partner.dto.QuotaDto;
import id.perisai.api.partner.dto.UpdatePartnerRequest;
import id.perisai.api.partner.repository.Partner;
import id.perisai.api.partner.repository.PartnerRepository;
import id.perisai.api.partner.repository.PartnerStatus;
import id.perisai.api.partner.repository.Quota;
import id.perisai.api.security.Caller;
import id.perisai.api.security.crypto.PiiCrypto;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Partner onboarding and administration by agency staff. */
@ApplicationScoped
public class PartnerService {

    static final String RESOURCE = "partner";

    private final PartnerRepository partners;
    private final AuditLog audit;
    private final TimeSource time;
    private final PerisaiConfig.DefaultQuota defaultQuota;
    private final List<String> designatedBanks;
    private final PiiCrypto crypto;

    public PartnerService(PartnerRepository partners, AuditLog audit, TimeSource time, PerisaiConfig config,
            PiiCrypto crypto) {
        this.partners = partners;
        this.audit = audit;
        this.time = time;
        this.defaultQuota = config.partner().defaultQuota();
        this.designatedBanks = config.agent().designatedBanks();
        this.crypto = crypto;
    }

    @WithTransaction
    public Uni<PartnerResponse> create(CreatePartnerRequest request, Caller caller) {
        return partners.findByCode(request.code()).flatMap(existing -> {
            if (existing != null) {
                return Uni.createFrom().failure(duplicate());
            }
            Partner partner = new Partner();
            partner.code = request.code();
            partner.name = request.name().trim();
            partner.type = request.type();
            partner.branchOffice = request.branchOffice().trim();
            partner.status = PartnerStatus.ACTIVE;
            partner.quota = request.quota() == null ? defaults() : toQuota(request.quota());
            partner.createdAt = time.now();
            partner.updatedAt = partner.createdAt;
            return partners.persistAndFlush(partner)
                    .onFailure(e -> Db.isUniqueViolation(e, "partner_code_uk")).transform(e -> duplicate())
                    .call(saved -> audit.record(Actor.of(caller),
                            AuditEntry.of("PARTNER_CREATED", saved.code, RESOURCE, saved.code)
                                    .with(Map.of("type", saved.type.name()))))
                    .map(PartnerService::toResponse);
        });
    }

    @WithSession
    public Uni<Page<PartnerResponse>> list(PageRequest page, PartnerStatus status) {
        return partners.listAfter(page.after(), status, page.fetchSize())
                .map(found -> Page.of(found, page, p -> p.code).map(PartnerService::toResponse));
    }

    @WithSession
    public Uni<PartnerResponse> get(String code) {
        return find(code).map(PartnerService::toResponse);
    }

    @WithTransaction
    public Uni<PartnerResponse> update(String code, UpdatePartnerRequest changes, Caller caller) {
        if (changes.name() == null && changes.status() == null) {
            return Uni.createFrom().failure(new InvalidInputException("", "REQUIRED",
                    "give at least one of: name, status"));
        }
        return find(code).flatMap(partner -> {
            List<String> changed = new ArrayList<>();
            Map<String, Object> details = new LinkedHashMap<>();
            if (changes.name() != null && !changes.name().trim().equals(partner.name)) {
                partner.name = changes.name().trim();
                changed.add("name");
            }
            if (changes.status() != null && changes.status() != partner.status) {
                details.put("statusFrom", partner.status.name());
                details.put("statusTo", changes.status().name());
                partner.status = changes.status();
                changed.add("status");
            }
            if (changed.isEmpty()) {
                return Uni.createFrom().item(toResponse(partner));
            }
            partner.updatedAt = time.now();
            details.put("fields", changed);
            return partners.flush()
                    .call(() -> audit.record(Actor.of(caller),
                            AuditEntry.of("PARTNER_UPDATED", partner.code, RESOURCE, partner.code).with(details)))
                    .map(v -> toResponse(partner));
        });
    }

    @WithTransaction
    public Uni<PartnerResponse> setQuota(String code, QuotaDto quota, Caller caller) {
        return find(code).flatMap(partner -> {
            partner.quota = toQuota(quota);
            partner.updatedAt = time.now();
            return partners.flush()
                    .call(() -> audit.record(Actor.of(caller),
                            AuditEntry.of("PARTNER_QUOTA_SET", partner.code, RESOURCE, partner.code)
                                    .with(Map.of("registrationsPerDay", quota.registrationsPerDay(),
                                            "contributionsPerDay", quota.contributionsPerDay(),
                                            "maxBatchRecords", quota.maxBatchRecords(),
                                            "requestsPerMinute", quota.requestsPerMinute()))))
                    .map(v -> toResponse(partner));
        });
    }

    /**
     * Sets where the partner's incentive fee is paid: an account at a designated bank (422 otherwise), the number
     * stored encrypted and shown masked.
     */
    @WithTransaction
    public Uni<PartnerResponse> setPayoutAccount(String code, PayoutAccountRequest account, Caller caller) {
        String digits = AgentRules.digits(account.bankAccountNumber());
        if (digits == null) {
            return Uni.createFrom().failure(new InvalidInputException("bankAccountNumber", "BANK_ACCOUNT_INVALID",
                    "must be 6–20 digits"));
        }
        if (!designatedBanks.contains(account.bankCode())) {
            return Uni.createFrom().failure(new ProblemException(ProblemType.UNPROCESSABLE,
                    "The partner's fee can only be paid to a designated bank",
                    List.of(new FieldError("bankCode", AgentRules.BANK_NOT_DESIGNATED,
                            "must be one of " + String.join(", ", designatedBanks)))));
        }
        return find(code).flatMap(partner -> {
            partner.payoutBankCode = account.bankCode();
            partner.payoutAccountCipher = crypto.encrypt(digits);
            partner.payoutAccountMasked = AgentRules.maskAccount(digits);
            partner.payoutAccountName = account.bankAccountName().strip().replaceAll("\\s+", " ");
            partner.updatedAt = time.now();
            return partners.flush()
                    .call(() -> audit.record(Actor.of(caller),
                            AuditEntry.of("PARTNER_PAYOUT_ACCOUNT_SET", partner.code, RESOURCE, partner.code)
                                    .with(Map.of("bankCode", partner.payoutBankCode))))
                    .map(v -> toResponse(partner));
        });
    }

    /** The partner with this code (within the current session), or 404. */
    public Uni<Partner> find(String code) {
        if (!PartnerCodes.isValid(code)) {
            return Uni.createFrom().failure(new ResourceNotFoundException("Partner"));
        }
        return partners.findByCode(code).onItem().ifNull().failWith(() -> new ResourceNotFoundException("Partner"));
    }

    private Quota defaults() {
        Quota quota = new Quota();
        quota.registrationsPerDay = defaultQuota.registrationsPerDay();
        quota.contributionsPerDay = defaultQuota.contributionsPerDay();
        quota.maxBatchRecords = defaultQuota.maxBatchRecords();
        quota.requestsPerMinute = defaultQuota.requestsPerMinute();
        return quota;
    }

    static Quota toQuota(QuotaDto dto) {
        Quota quota = new Quota();
        quota.registrationsPerDay = dto.registrationsPerDay();
        quota.contributionsPerDay = dto.contributionsPerDay();
        quota.maxBatchRecords = dto.maxBatchRecords();
        quota.requestsPerMinute = dto.requestsPerMinute();
        return quota;
    }

    static PartnerResponse toResponse(Partner p) {
        return new PartnerResponse(p.code, p.name, p.type, p.branchOffice, p.status,
                new QuotaDto(p.quota.registrationsPerDay, p.quota.contributionsPerDay, p.quota.maxBatchRecords,
                        p.quota.requestsPerMinute),
                p.payoutBankCode == null ? null
                        : new PayoutAccountDto(p.payoutBankCode, p.payoutAccountMasked, p.payoutAccountName),
                p.createdAt, p.updatedAt);
    }

    private static ConflictException duplicate() {
        return new ConflictException("A partner with this code already exists");
    }
}
