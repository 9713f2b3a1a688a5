package id.perisai.api.webhook.service;

import java.util.List;

import id.perisai.api.common.problem.FieldError;
import id.perisai.api.common.problem.ProblemException;
import id.perisai.api.common.problem.ProblemType;

/** A webhook URL refused at registration (scheme, form or an internal literal address): 422, never quoting the URL. */
public class UrlRefusedException extends ProblemException {

    public UrlRefusedException(String code, String message) {
        super(ProblemType.UNPROCESSABLE, "The webhook URL is not allowed", List.of(new FieldError("url", code, message)));
    }
}
