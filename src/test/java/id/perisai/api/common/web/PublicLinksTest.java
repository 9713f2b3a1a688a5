package id.perisai.api.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PublicLinksTest {

    @ParameterizedTest(name = "base \"{0}\", {1} + {2} → {3}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "null                                     | v1/agents              | AGDEMO000001 | /v1/agents/AGDEMO000001",
            "''                                       | /v1/agents             | AGDEMO000001 | /v1/agents/AGDEMO000001",
            "https://api.perisai.example              | v1/agents              | AGDEMO000001 | https://api.perisai.example/v1/agents/AGDEMO000001",
            "https://api.perisai.example/             | v1/registration-batches| null         | https://api.perisai.example/v1/registration-batches",
            "https://gateway.example/perisai//        | /v1/admin/partners     | SPSI-DPC-BDG | https://gateway.example/perisai/v1/admin/partners/SPSI-DPC-BDG",
            "http://localhost:8080                    | v1/admin/partners      | a b/c?d      | http://localhost:8080/v1/admin/partners/a%20b%2Fc%3Fd",
            "null                                     | v1/agents              | Siti Ümi     | /v1/agents/Siti%20%C3%9Cmi" })
    void linksComeFromTheConfiguredBaseOrAreRelative(String base, String path, String segment, String expected) {
        PublicLinks links = new PublicLinks(base);
        assertEquals(expected, segment == null ? links.to(path) : links.to(path, segment));
    }

    @ParameterizedTest
    @ValueSource(strings = { "api.perisai.example", "ftp://api.perisai.example", "https://api.perisai.example/?x=1",
            "https://user@api.perisai.example", "https://api.perisai.example/#top", "https://" })
    void aBaseThatIsNotAnHttpRootIsRefusedAtStartUp(String base) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new PublicLinks(base));
        assertEquals(true, e.getMessage().startsWith("PERISAI_PUBLIC_BASE_URL"), e.getMessage());
    }
}
