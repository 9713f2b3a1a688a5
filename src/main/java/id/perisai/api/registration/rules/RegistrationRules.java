package id.perisai.api.registration.rules;

/**
 * The numbers of rules.md §2, from configuration ({@code perisai.registration.*}).
 *
 * @param minAge youngest age accepted on the submission day (inclusive)
 * @param maxAgeExclusive age from which a worker is no longer eligible
 * @param minMonthlyIncome lowest declared income (inclusive, rupiah)
 * @param maxMonthlyIncome highest declared income (inclusive, rupiah)
 */
public record RegistrationRules(int minAge, int maxAgeExclusive, long minMonthlyIncome, long maxMonthlyIncome) {
}
