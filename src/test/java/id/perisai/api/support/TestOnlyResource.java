package id.perisai.api.support;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;

/** Endpoints that exist only in the test build, to provoke what real endpoints must never do. */
@Path("/test-only")
public class TestOnlyResource {

    /** No security annotation at all: deny-by-default must refuse it. */
    @GET
    @Path("unannotated")
    @Operation(hidden = true)
    public String unannotated() {
        return "reachable";
    }

    /** A write endpoint that forgets its audit record (what {@link AuditedWrites} must catch). */
    @POST
    @Path("unaudited")
    @PermitAll
    @Operation(hidden = true)
    public void unaudited() {
        // changes "something" without an audit record
    }

    /** A bug: an unexpected exception whose message quotes personal data. */
    @GET
    @Path("boom")
    @PermitAll
    @Operation(hidden = true)
    public String boom() {
        throw new IllegalStateException("failed for nik \"3201014101900001\" and phone '081234567890'");
    }
}
