package id.perisai.api.agent.service;

import java.util.List;

import id.perisai.api.common.problem.FieldError;
import id.perisai.api.common.problem.ProblemException;
import id.perisai.api.common.problem.ProblemType;

/** A well-formed application the rules of rules.md §5 refuse: 422 {@code agent-ineligible} with every reason. */
public class AgentIneligibleException extends ProblemException {

    static final ProblemType TYPE = new ProblemType(422, "agent-ineligible", "The person cannot be registered as an agent");

    public AgentIneligibleException(List<FieldError> reasons) {
        super(TYPE, reasons.size() == 1 ? "1 eligibility rule is not met" : reasons.size() + " eligibility rules are not met",
                reasons);
    }
}
