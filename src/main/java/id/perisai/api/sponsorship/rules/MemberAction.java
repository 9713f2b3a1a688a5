package id.perisai.api.sponsorship.rules;

/** What a member record asks: add the participant to the roster from a month, or remove it from a month on. */
public enum MemberAction {
    ADD,
    REMOVE
}
