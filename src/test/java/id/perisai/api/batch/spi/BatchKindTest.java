package id.perisai.api.batch.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BatchKindTest {

    static BatchKind kind(String name, String collection, String table) {
        return new BatchKind(name, "A batch", collection, "registrations", List.of(table), "x_result", "X_ACCEPTED");
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
            "registration, /v1/registration-batches, registration_chunk", // lower-case name
            "REGISTRATION, registration-batches, registration_chunk", // not an absolute path
            "REGISTRATION, /v1/a/{x}/b/{y}/batches, registration_chunk", // two parameters
            "REGISTRATION, /v1/registration-batches, 'chunk; drop table batch'", // a table name goes into SQL
            "R, /v1/registration-batches, registration_chunk" // too short a name
    })
    void kindsThatCannotBeStoredOrRoutedAreRefusedAtStartUp(String name, String collection, String table) {
        assertThrows(IllegalArgumentException.class, () -> kind(name, collection, table));
    }

    @ParameterizedTest(name = "{0}: {1} → {2}")
    @CsvSource({
            "/v1/registration-batches, /v1/registration-batches, true",
            "/v1/registration-batches, /v1/registration-batches/x, false",
            "/v1/sponsorships/{sponsorshipId}/member-batches, /v1/sponsorships/5f0c/member-batches, true",
            "/v1/sponsorships/{sponsorshipId}/member-batches, /v1/sponsorships/a/b/member-batches, false",
            "/v1/sponsorships/{sponsorshipId}/member-batches, /v1/sponsorships//member-batches, false",
            "/v1/a.b/{id}/c, /v1/aXb/1/c, false" // the template is literal text, not a pattern
    })
    void theCollectionPatternMatchesExactlyTheUploadPaths(String collection, String path, boolean matches) {
        assertEquals(matches, kind("SOME_KIND", collection, "t_input").collectionPattern().matcher(path).matches());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({ "SPONSORSHIP_MEMBER, sponsorship_member", "REGISTRATION, registration" })
    void theTagIsTheLowerCaseName(String name, String tag) {
        assertEquals(tag, kind(name, "/v1/x", "t_input").tag());
    }

    @org.junit.jupiter.api.Test
    void aParentIsPutIntoTheCollectionPath() {
        BatchKind member = kind("MEMBER", "/v1/sponsorships/{sponsorshipId}/member-batches", "t_input");
        assertTrue(member.hasParent());
        assertEquals("/v1/sponsorships/s-1/member-batches", member.collectionPath("s-1"));
        BatchKind plain = kind("PLAIN", "/v1/plain-batches", "t_input");
        assertFalse(plain.hasParent());
        assertEquals("/v1/plain-batches", plain.collectionPath(null));
    }
}
