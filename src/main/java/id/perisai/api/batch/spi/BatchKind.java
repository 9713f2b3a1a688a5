package id.perisai.api.batch.spi;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The identity of a kind of batch, as its {@link BatchDefinition} declares it: the name stored in {@code batch.kind},
 * its staging and result tables, the daily quota its records count against, the collection it is submitted to, and
 * the names it has in audit records, metrics and messages.
 *
 * @param name stored in {@code batch.kind}, e.g. {@code REGISTRATION} (upper case letters and underscores)
 * @param label for messages and logs, e.g. "Registration batch"
 * @param collection the collection's absolute path template, e.g. {@code /v1/registration-batches} or
 *        {@code /v1/sponsorships/{sponsorshipId}/member-batches} (at most one parameter: the batch's parent)
 * @param quota the daily record quota ({@code registrations}, {@code contributions}) its records count against
 * @param stagingTables tables holding the batch's staged input by {@code batch_id}, dropped once it is processed
 * @param resultTable the table of its per-record outcomes, keyed by {@code (batch_id, idx)}
 * @param auditAction the audit action of an accepted batch, e.g. {@code REGISTRATION_BATCH_ACCEPTED}
 */
public record BatchKind(String name, String label, String collection, String quota, List<String> stagingTables,
        String resultTable, String auditAction) {

    static final Pattern NAME = Pattern.compile("[A-Z][A-Z_]{1,39}");
    static final Pattern TABLE = Pattern.compile("[a-z][a-z0-9_]{1,62}");
    static final Pattern PARAMETER = Pattern.compile("\\{[A-Za-z]+}");

    public BatchKind {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("batch kind names are upper case: " + name);
        }
        stagingTables = List.copyOf(stagingTables);
        // table names go into SQL text: only plain identifiers
        for (String table : stagingTables) {
            requireTable(table);
        }
        requireTable(resultTable);
        if (!collection.startsWith("/") || PARAMETER.matcher(collection).results().count() > 1) {
            throw new IllegalArgumentException("a batch collection is an absolute path with at most one parameter: "
                    + collection);
        }
    }

    private static void requireTable(String table) {
        if (!TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("not a table name: " + table);
        }
    }

    /** Lower case, for metric tags and the Idempotency-Key scope: {@code registration}. */
    public String tag() {
        return name.toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether batches of this kind belong to a parent resource named in their path (e.g. a sponsorship). */
    public boolean hasParent() {
        return PARAMETER.matcher(collection).find();
    }

    /** The collection's path for a parent (ignored when the kind has none), e.g. {@code /v1/registration-batches}. */
    public String collectionPath(String parent) {
        return hasParent() ? PARAMETER.matcher(collection).replaceFirst(java.util.regex.Matcher.quoteReplacement(parent))
                : collection;
    }

    /** A regular expression matching the collection's request paths (for the HTTP layer's upload limits). */
    public Pattern collectionPattern() {
        return Pattern.compile(PARAMETER.matcher(Pattern.quote(collection)).replaceAll("\\\\E[^/]+\\\\Q"));
    }
}
