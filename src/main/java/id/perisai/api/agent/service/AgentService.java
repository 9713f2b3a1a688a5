package id.perisai.api.agent.service;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import id.perisai.api.agent.dto.AgentResponse;
import id.perisai.api.agent.dto.CreateAgentRequest;
import id.perisai.api.agent.dto.UpdateAgentRequest;
import id.perisai.api.agent.repository.Agent;
import id.perisai.api.agent.repository.AgentRepository;
import id.perisai.api.agent.repository.AgentStatus;
import id.perisai.api.agent.rules.AgentRules;
import id.perisai.api.agent.rules.AgentRules.Applicant;
import id.perisai.api.common.audit.AuditEntry;
import id.perisai.api.common.audit.AuditEntry.Actor;
import id.perisai.api.common.audit.AuditLog;
import id.perisai.api.common.config.PerisaiConfig;
import id.perisai.api.common.db.Db;
import id.perisai.api.common.identity.Names;
import id.perisai.api.common.identity.Phones;
import id.perisai.api.common.problem.FieldError;
import id.perisai.api.common.problem.InvalidInputException;
import id.perisai.api.common.problem.ProblemException;
import id.perisai.api.common.problem.ProblemType;
import id.perisai.api.common.problem.ResourceNotFoundException;
import id.perisai.api.common.time.TimeSource;
import id.perisai.api.common.web.Page;
import id.perisai.api.common.web.PageRequest;
import id.perisai.api.participant.repository.ParticipantRepository;
import id.perisai.api.security.Caller;
import id.perisai.api.security.crypto.PiiCrypto;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** A partner's Perisai agents. */
@ApplicationScoped
public class AgentService {

    static final String RESOURCE = "agent";
    static final char[] CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();

    private final AgentRepository agents;
    private final ParticipantRepository participants;
    private final PiiCrypto crypto;
    private final AuditLog audit;
    private final TimeSource time;
    private final AgentRules rules;
    private final SecureRandom random = new SecureRandom();

    public AgentService(AgentRepository agents, ParticipantRepository participants, PiiCrypto crypto, AuditLog audit,
            TimeSource time, PerisaiConfig config) {
        this.agents = agents;
        this.participants = participants;
        this.crypto = crypto;
        this.audit = audit;
        this.time = time;
        this.rules = new AgentRules(config.agent().designatedBanks(), config.agent().eligibleEducation(),
                config.agent().insufficientEducation());
    }

    /**
     * Registers an agent: 400 for malformed fields, 409 when the person is already an agent of any partner, 422 for
     * every eligibility rule not met.
     */
    @WithTransaction
    public Uni<AgentResponse> create(CreateAgentRequest request, Caller caller) {
        AgentRules.Checked checked = rules.check(new AgentRules.Application(request.nik(), request.fullName(),
                request.phone(), request.email(), request.bankCode(), request.bankAccountNumber(),
                request.bankAccountName(), request.education()));
        if (!checked.errors().isEmpty()) {
            return Uni.createFrom().failure(new InvalidInputException(checked.errors()));
        }
        Applicant applicant = checked.applicant();
        byte[] nikIndex = crypto.blindIndex(applicant.nik().digits());
        return agents.existsWithNikIndex(nikIndex).flatMap(exists -> {
            if (exists) {
                return Uni.createFrom().failure(alreadyRegistered());
            }
            return participants.findByNikIndex(nikIndex, time.currentMonthWib().atDay(1)).flatMap(entry -> {
                List<FieldError> reasons = rules.eligibility(applicant, entry == null ? null : entry.status());
                if (!reasons.isEmpty()) {
                    return Uni.createFrom().failure(new AgentIneligibleException(reasons));
                }
                Agent agent = new Agent();
                agent.agentCode = newCode();
                agent.partnerId = caller.requirePartnerId();
                agent.participantId = entry.id();
                agent.nikIndex = nikIndex;
                agent.nikCipher = crypto.encrypt(applicant.nik().digits());
                agent.nikMasked = applicant.nik().masked();
                agent.fullName = applicant.fullName();
                agent.phone = applicant.phone();
                agent.email = applicant.email();
                agent.bankCode = applicant.bankCode();
                agent.bankAccountCipher = crypto.encrypt(applicant.bankAccountNumber());
                agent.bankAccountMasked = AgentRules.maskAccount(applicant.bankAccountNumber());
                agent.bankAccountName = applicant.bankAccountName();
                agent.education = applicant.education();
                agent.status = AgentStatus.ACTIVE;
                agent.createdAt = time.now();
                agent.updatedAt = agent.createdAt;
                agent.activeSince = agent.createdAt;
                return agents.persistAndFlush(agent)
                        .onFailure(e -> Db.isUniqueViolation(e, "agent_nik_index_uk")).transform(e -> alreadyRegistered())
                        .call(saved -> audit.record(Actor.of(caller),
                                AuditEntry.of("AGENT_CREATED", caller.partnerCode(), RESOURCE, saved.agentCode)))
                        .map(AgentService::toResponse);
            });
        });
    }

    @WithSession
    public Uni<Page<AgentResponse>> list(Caller caller, PageRequest page, AgentStatus status) {
        return agents.listOfPartner(caller.requirePartnerId(), page.after(), status, page.fetchSize())
                .map(found -> Page.of(found, page, a -> a.agentCode).map(AgentService::toResponse));
    }

    @WithSession
    public Uni<AgentResponse> get(Caller caller, String agentCode) {
        return find(caller, agentCode).map(AgentService::toResponse);
    }

    /** Status (ACTIVE/INACTIVE), phone and bank account changes; the bank rules are checked again. */
    @WithTransaction
    public Uni<AgentResponse> update(Caller caller, String agentCode, UpdateAgentRequest changes) {
        List<FieldError> errors = new ArrayList<>();
        AgentStatus status = null;
        if (changes.status() != null) {
            if ("ACTIVE".equals(changes.status()) || "INACTIVE".equals(changes.status())) {
                status = AgentStatus.valueOf(changes.status());
            } else {
                errors.add(new FieldError("status", "INVALID_VALUE", "must be ACTIVE or INACTIVE"));
            }
        }
        String phone = null;
        if (changes.phone() != null) {
            phone = Phones.toE164(changes.phone());
            if (phone == null) {
                errors.add(new FieldError("phone", "PHONE_INVALID", "must be an Indonesian mobile number"));
            }
        }
        errors.addAll(rules.bankFormat(changes.bankCode(), changes.bankAccountNumber(), changes.bankAccountName(), false));
        if (errors.isEmpty() && changes.status() == null && changes.phone() == null && changes.bankCode() == null
                && changes.bankAccountNumber() == null && changes.bankAccountName() == null) {
            errors.add(new FieldError("", "REQUIRED", "give at least one of: status, phone, bankCode, bankAccountNumber,"
                    + " bankAccountName"));
        }
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(new InvalidInputException(errors));
        }
        AgentStatus newStatus = status;
        String newPhone = phone;
        return find(caller, agentCode).flatMap(agent -> {
            if (agent.status == AgentStatus.SUSPENDED && newStatus != null) {
                return Uni.createFrom().failure(new ProblemException(ProblemType.CONFLICT,
                        "The agent is suspended by the agency; only the agency can lift the suspension"));
            }
            String bankCode = changes.bankCode() != null ? changes.bankCode() : agent.bankCode;
            String accountName = changes.bankAccountName() != null ? Names.normalize(changes.bankAccountName())
                    : agent.bankAccountName;
            if (changes.bankCode() != null || changes.bankAccountName() != null || changes.bankAccountNumber() != null) {
                List<FieldError> reasons = rules.bankEligibility(bankCode, accountName, agent.fullName);
                if (!reasons.isEmpty()) {
                    return Uni.createFrom().failure(new AgentIneligibleException(reasons));
                }
            }
            Map<String, Object> details = new LinkedHashMap<>();
            List<String> fields = new ArrayList<>();
            if (newStatus != null && newStatus != agent.status) {
                details.put("statusFrom", agent.status.name());
                details.put("statusTo", newStatus.name());
                agent.status = newStatus;
                if (newStatus == AgentStatus.ACTIVE) {
                    agent.activeSince = time.now();
                }
                fields.add("status");
            }
            if (newPhone != null) {
                agent.phone = newPhone;
                fields.add("phone");
            }
            if (changes.bankCode() != null) {
                agent.bankCode = bankCode;
                fields.add("bankCode");
            }
            if (changes.bankAccountName() != null) {
                agent.bankAccountName = accountName;
                fields.add("bankAccountName");
            }
            if (changes.bankAccountNumber() != null) {
                String digits = AgentRules.digits(changes.bankAccountNumber());
                agent.bankAccountCipher = crypto.encrypt(digits);
                agent.bankAccountMasked = AgentRules.maskAccount(digits);
                fields.add("bankAccountNumber");
            }
            agent.updatedAt = time.now();
            details.put("fields", fields);
            return agents.flush()
                    .call(() -> audit.record(Actor.of(caller),
                            AuditEntry.of("AGENT_UPDATED", caller.partnerCode(), RESOURCE, agent.agentCode).with(details)))
                    .map(v -> toResponse(agent));
        });
    }

    /** The partner's agent, or 404 (another partner's agent is never revealed). */
    Uni<Agent> find(Caller caller, String agentCode) {
        if (agentCode == null || agentCode.length() > 16) {
            return Uni.createFrom().failure(new ResourceNotFoundException("Agent"));
        }
        return agents.findOfPartner(caller.requirePartnerId(), agentCode)
                .onItem().ifNull().failWith(() -> new ResourceNotFoundException("Agent"));
    }

    private String newCode() {
        StringBuilder code = new StringBuilder("AG");
        for (int i = 0; i < 10; i++) {
            code.append(CODE_ALPHABET[random.nextInt(CODE_ALPHABET.length)]);
        }
        return code.toString();
    }

    private static ProblemException alreadyRegistered() {
        return new ProblemException(ProblemType.CONFLICT, "This person is already a Perisai agent",
                List.of(new FieldError("nik", AgentRules.ALREADY_REGISTERED,
                        "an agent belongs to exactly one partner and registers once")));
    }

    static AgentResponse toResponse(Agent a) {
        return new AgentResponse(a.agentCode, a.status, a.nikMasked, a.fullName, a.phone, a.email, a.bankCode,
                a.bankAccountMasked, a.bankAccountName, a.education, a.createdAt, a.updatedAt);
    }
}
