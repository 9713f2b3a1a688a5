package id.perisai.api.agent.repository;

/**
 * ACTIVE agents may be named on registrations; INACTIVE ones (partner, or 3 months without acquisitions) not; SUSPENDED is set
 * by the agency.
 */
public enum AgentStatus {
    ACTIVE,
    INACTIVE,
    SUSPENDED
}
