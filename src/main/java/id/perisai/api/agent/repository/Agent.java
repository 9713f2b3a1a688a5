package id.perisai.api.agent.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A Perisai agent of one partner. The NIK and bank account number are stored encrypted. */
@Entity
@Table(name = "agent")
public class Agent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "agent_code", nullable = false, updatable = false)
    public String agentCode;
    @Column(name = "partner_id", nullable = false, updatable = false)
    public Long partnerId;
    @Column(name = "participant_id", nullable = false, updatable = false)
    public UUID participantId;
    @Column(name = "nik_index", nullable = false, updatable = false)
    public byte[] nikIndex;
    @Column(name = "nik_cipher", nullable = false, updatable = false)
    public byte[] nikCipher;
    @Column(name = "nik_masked", nullable = false, updatable = false)
    public String nikMasked;
    @Column(name = "full_name", nullable = false)
    public String fullName;
    @Column(nullable = false)
    public String phone;
    public String email;
    @Column(name = "bank_code", nullable = false)
    public String bankCode;
    @Column(name = "bank_account_cipher", nullable = false)
    public byte[] bankAccountCipher;
    @Column(name = "bank_account_masked", nullable = false)
    public String bankAccountMasked;
    @Column(name = "bank_account_name", nullable = false)
    public String bankAccountName;
    @Column(nullable = false)
    public String education;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AgentStatus status;
    /** When the agent last became ACTIVE: the inactivity rule counts whole months without an acquisition from here. */
    @Column(name = "active_since", nullable = false)
    public Instant activeSince;
    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
    @Version
    public long version;
}
