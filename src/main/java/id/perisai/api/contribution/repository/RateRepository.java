package id.perisai.api.contribution.repository;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import id.perisai.api.contribution.rules.PayerType;
import id.perisai.api.contribution.rules.RateTable;
import id.perisai.api.contribution.rules.RateTable.Component;
import id.perisai.api.contribution.rules.RateTable.Discount;
import id.perisai.api.contribution.rules.RateTable.Rate;
import id.perisai.api.participant.rules.Occupation.OccupationClass;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/** The effective-dated contribution rates and discount windows (tables contribution_rate, contribution_discount). */
@ApplicationScoped
public class RateRepository {

    private final Pool pool;

    public RateRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<RateTable> load() {
        return pool.query("select component, valid_from, valid_to, basis, value from contribution_rate order by valid_from")
                .execute().flatMap(rateRows -> {
                    List<Rate> rates = new ArrayList<>();
                    for (Row r : rateRows) {
                        rates.add(new Rate(Component.valueOf(r.getString("component")),
                                YearMonth.from(r.getLocalDate("valid_from")),
                                r.getLocalDate("valid_to") == null ? null : YearMonth.from(r.getLocalDate("valid_to")),
                                RateTable.Basis.valueOf(r.getString("basis")), r.getBigDecimal("value")));
                    }
                    return pool.query("select occupation_class, first_month, last_month, components, factor,"
                            + " excluded_payer_types from contribution_discount order by first_month").execute()
                            .map(discountRows -> {
                                List<Discount> discounts = new ArrayList<>();
                                for (Row r : discountRows) {
                                    discounts.add(new Discount(OccupationClass.valueOf(r.getString("occupation_class")),
                                            YearMonth.from(r.getLocalDate("first_month")),
                                            YearMonth.from(r.getLocalDate("last_month")),
                                            split(r.getString("components"), Component.class), r.getBigDecimal("factor"),
                                            split(r.getString("excluded_payer_types"), PayerType.class)));
                                }
                                return new RateTable(List.copyOf(rates), List.copyOf(discounts));
                            });
                });
    }

    static <E extends Enum<E>> Set<E> split(String csv, Class<E> type) {
        if (csv == null || csv.isBlank()) {
            return EnumSet.noneOf(type);
        }
        return Arrays.stream(csv.split(",")).map(String::trim).map(v -> Enum.valueOf(type, v))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(type)));
    }
}
