package id.perisai.api.security;

import id.perisai.api.common.problem.ProblemException;
import id.perisai.api.common.problem.ProblemType;

/** The token is valid but its partner is SUSPENDED: 403 {@code partner-suspended}. */
public class PartnerSuspendedException extends ProblemException {

    public PartnerSuspendedException() {
        super(ProblemType.PARTNER_SUSPENDED,
                "The partner named in this token is suspended; contact the agency to restore access");
    }
}
