package id.perisai.api.batch.progress;

import java.util.Arrays;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import id.perisai.api.batch.BatchDefinitions;
import id.perisai.api.batch.queue.BatchRepository;
import id.perisai.api.batch.spi.BatchKind;
import id.perisai.api.common.problem.ResourceNotFoundException;
import id.perisai.api.common.web.Ids;
import id.perisai.api.security.Caller;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * A Server-Sent Events response is committed as soon as the stream starts, so a failure after that cannot become a
 * problem response: the batch of a {@link ProgressStream} operation is looked up here, before the resource method, and
 * handed to it as a request property. Callers without the operation's scope pass untouched (the security layer answers
 * them 401/403 as for every operation).
 */
public class ProgressStreamFilter {

    /** The request property holding the batch looked up. */
    public static final String BATCH = "perisai.progress.batch";

    private final BatchRepository batches;
    private final BatchDefinitions definitions;
    private final CurrentIdentityAssociation identities;

    public ProgressStreamFilter(BatchRepository batches, BatchDefinitions definitions,
            CurrentIdentityAssociation identities) {
        this.batches = batches;
        this.definitions = definitions;
        this.identities = identities;
    }

    @ServerRequestFilter
    public Uni<Response> lookUp(ContainerRequestContext request, ResourceInfo resource) {
        ProgressStream stream = resource.getResourceMethod() == null ? null
                : resource.getResourceMethod().getAnnotation(ProgressStream.class);
        if (stream == null) {
            return null;
        }
        RolesAllowed roles = resource.getResourceMethod().getAnnotation(RolesAllowed.class);
        return identities.getDeferredIdentity().flatMap(identity -> {
            if (!allowed(identity, roles)) {
                return Uni.createFrom().nullItem();
            }
            BatchKind kind = definitions.kind(stream.value());
            Caller caller = Caller.of(identity);
            UUID id = Ids.uuid(request.getUriInfo().getPathParameters().getFirst("batchId"));
            if (id == null || !caller.isPartner()) {
                return Uni.createFrom().failure(new ResourceNotFoundException(kind.label()));
            }
            return definitions.of(stream.value()).requireParent(caller, null)
                    .flatMap(v -> batches.find(kind, id, caller.requirePartnerId(), null))
                    .onItem().ifNull().failWith(() -> new ResourceNotFoundException(kind.label()))
                    .map(batch -> {
                        request.setProperty(BATCH, batch);
                        return (Response) null;
                    });
        });
    }

    private static boolean allowed(SecurityIdentity identity, RolesAllowed roles) {
        return identity != null && !identity.isAnonymous() && identity.getAttribute(Caller.ATTRIBUTE) != null
                && roles != null && Arrays.stream(roles.value()).anyMatch(identity::hasRole);
    }
}
