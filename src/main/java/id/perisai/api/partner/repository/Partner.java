package id.perisai.api.partner.repository;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A Wadah: the organisation Perisai agents work under, and the tenant every partner token acts for. */
@Entity
@Table(name = "partner")
public class Partner {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(nullable = false, updatable = false)
    public String code;
    @Column(nullable = false)
    public String name;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public PartnerType type;
    @Column(name = "branch_office", nullable = false)
    public String branchOffice;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PartnerStatus status;
    @Embedded
    public Quota quota;
    /** Where the partner's incentive fee is paid (the account number encrypted); null until admin sets it. */
    @Column(name = "payout_bank_code")
    public String payoutBankCode;
    @Column(name = "payout_account_cipher")
    public byte[] payoutAccountCipher;
    @Column(name = "payout_account_masked")
    public String payoutAccountMasked;
    @Column(name = "payout_account_name")
    public String payoutAccountName;
    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
    @Version
    public long version;
}
