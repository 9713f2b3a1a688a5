package id.perisai.api.partner.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class PartnerRepository implements PanacheRepository<Partner> {

    public Uni<Partner> findByCode(String code) {
        return find("code", code).firstResult();
    }

    /** Partners ordered by code, after the given code, optionally of one status. */
    public Uni<List<Partner>> listAfter(String afterCode, PartnerStatus status, int count) {
        Parameters params = Parameters.with("after", afterCode == null ? "" : afterCode);
        String query = "code > :after";
        if (status != null) {
            query += " and status = :status";
            params = params.and("status", status);
        }
        return find(query + " order by code", params).range(0, count - 1).list();
    }
}
