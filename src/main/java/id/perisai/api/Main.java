package id.perisai.api;

import id.perisai.api.common.web.HttpPipeline;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The service's entry point ({@code java -jar quarkus-run.jar}, dev mode): the HTTP service, started as Quarkus always
 * does, after one JVM setting that must precede Quarkus' start.
 */
@QuarkusMain
public final class Main {

    private Main() {
    }

    public static void main(String... args) {
        // Malformed request URIs are answered with a problem by HttpPipeline rather than with the empty 400 of
        // Quarkus' own check, which reads this property once, when its HTTP layer is first loaded.
        System.setProperty(HttpPipeline.URI_VALIDATION_OFF, "true");
        Quarkus.run(args);
    }
}
