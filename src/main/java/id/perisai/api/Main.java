package id.perisai.api;

import java.util.Arrays;

import id.perisai.api.common.web.HttpPipeline;
import id.perisai.api.security.service.JwksCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The entry point of {@code java -jar quarkus-run.jar} (and dev mode): the HTTP service, started as Quarkus always does
 * after one JVM setting that must precede Quarkus' start; or, with {@code jwks <pem-file> [--kid <kid>]}, the JWKS
 * entry of a signing key printed without starting anything ({@link JwksCommand}).
 */
@QuarkusMain
public final class Main {

    private Main() {
    }

    public static void main(String... args) {
        if (args.length > 0 && JwksCommand.NAME.equals(args[0])) {
            System.exit(JwksCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        // Malformed request URIs are answered with a problem by HttpPipeline rather than with the empty 400 of
        // Quarkus' own check, which reads this property once, when its HTTP layer is first loaded.
        System.setProperty(HttpPipeline.URI_VALIDATION_OFF, "true");
        Quarkus.run(args);
    }
}
