package id.perisai.api.k8s;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import io.quarkus.test.junit.QuarkusTest;

/** Every manifest in k8s/ parses and is wired to the application and to the other manifests. */
@QuarkusTest
class KubernetesManifestsTest {

    static final Path DIR = Path.of("k8s");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static List<JsonNode> docs;

    @BeforeAll
    static void load() throws IOException {
        docs = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (YAMLParser parser = new YAMLFactory().createParser(file.toFile())) {
                    YAML.readValues(parser, JsonNode.class).readAll().forEach(doc -> {
                        assertTrue(doc.has("apiVersion") && doc.has("kind"), file + ": apiVersion and kind");
                        docs.add(doc);
                    });
                }
            }
        }
        assertFalse(docs.isEmpty());
    }

    static JsonNode one(String kind) {
        List<JsonNode> found = docs.stream().filter(d -> kind.equals(d.get("kind").asText())).toList();
        assertEquals(1, found.size(), "exactly one " + kind);
        return found.get(0);
    }

    static JsonNode container() {
        return one("Deployment").at("/spec/template/spec/containers/0");
    }

    @Test
    void everyRequiredKindIsThere() {
        for (String kind : List.of("Deployment", "Service", "ConfigMap", "HorizontalPodAutoscaler",
                "PodDisruptionBudget", "NetworkPolicy", "Cluster", "Kustomization")) {
            one(kind);
        }
        assertTrue(Files.exists(DIR.resolve("secret.template.yaml")));
    }

    @Test
    void kustomizationListsEveryManifestButTheSecretTemplate() throws IOException {
        Set<String> listed = new TreeSet<>();
        one("Kustomization").get("resources").forEach(r -> listed.add(r.asText()));
        try (Stream<Path> files = Files.list(DIR)) {
            Set<String> expected = new TreeSet<>(files.map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith(".yaml") && !f.equals("kustomization.yaml") && !f.equals("secret.template.yaml"))
                    .toList());
            assertEquals(expected, listed);
        }
    }

    @Test
    void deploymentIsHighlyAvailableHardenedAndBounded() {
        JsonNode deployment = one("Deployment");
        assertTrue(deployment.at("/spec/replicas").asInt() >= 2);
        JsonNode pod = deployment.at("/spec/template/spec");
        assertTrue(pod.at("/securityContext/runAsNonRoot").asBoolean());
        assertTrue(pod.at("/terminationGracePeriodSeconds").asInt() > 30, "longer than the app's shutdown timeout");
        JsonNode c = container();
        assertTrue(c.at("/securityContext/readOnlyRootFilesystem").asBoolean());
        assertFalse(c.at("/securityContext/allowPrivilegeEscalation").asBoolean(true));
        for (String r : List.of("/resources/requests/cpu", "/resources/requests/memory", "/resources/limits/memory")) {
            assertFalse(c.at(r).isMissingNode(), r);
        }
        boolean tmpMounted = false;
        for (JsonNode mount : c.get("volumeMounts")) {
            tmpMounted |= "/tmp".equals(mount.get("mountPath").asText());
        }
        assertTrue(tmpMounted, "a writable /tmp with a read-only root filesystem");
    }

    @Test
    void probesPointAtHealthEndpointsThatAnswer() {
        JsonNode c = container();
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            String path = c.at("/" + probe + "/httpGet/path").asText();
            assertTrue(path.startsWith("/q/health/"), probe + " " + path);
            given().get(path).then().statusCode(200);
            assertEquals("http", c.at("/" + probe + "/httpGet/port").asText());
        }
    }

    @Test
    void selectorsMatchThePodLabels() {
        JsonNode labels = one("Deployment").at("/spec/template/metadata/labels");
        assertEquals(labels.get("app.kubernetes.io/name"),
                one("Deployment").at("/spec/selector/matchLabels/app.kubernetes.io~1name"));
        assertEquals(labels.get("app.kubernetes.io/name"), one("Service").at("/spec/selector/app.kubernetes.io~1name"));
        assertEquals(labels.get("app.kubernetes.io/name"),
                one("PodDisruptionBudget").at("/spec/selector/matchLabels/app.kubernetes.io~1name"));
        assertEquals(labels.get("app.kubernetes.io/name"),
                one("NetworkPolicy").at("/spec/podSelector/matchLabels/app.kubernetes.io~1name"));
        assertEquals(one("Deployment").at("/metadata/name"), one("HorizontalPodAutoscaler").at("/spec/scaleTargetRef/name"));
        assertTrue(one("HorizontalPodAutoscaler").at("/spec/minReplicas").asInt() >= 2);
    }

    @Test
    void portsAreConsistent() {
        JsonNode port = container().at("/ports/0");
        assertEquals(8080, port.get("containerPort").asInt(), "the app's QUARKUS_HTTP_PORT default");
        assertEquals(port.get("name").asText(), one("Service").at("/spec/ports/0/targetPort").asText());
        assertEquals(8080, one("NetworkPolicy").at("/spec/ingress/0/ports/0/port").asInt());
        assertEquals("8080", one("Deployment").at("/spec/template/metadata/annotations/prometheus.io~1port").asText());
    }

    @Test
    void databaseIsTheCloudNativePgCluster() {
        String cluster = one("Cluster").at("/metadata/name").asText();
        assertEquals("postgresql.cnpg.io/v1", one("Cluster").get("apiVersion").asText());
        JsonNode config = one("ConfigMap").get("data");
        assertTrue(config.get("QUARKUS_DATASOURCE_REACTIVE_URL").asText().contains("//" + cluster + "-rw:5432/"));
        assertTrue(config.get("QUARKUS_DATASOURCE_JDBC_URL").asText().contains("//" + cluster + "-rw:5432/"));
        Set<String> dbSecrets = new TreeSet<>();
        container().get("env").forEach(e -> {
            JsonNode ref = e.at("/valueFrom/secretKeyRef/name");
            if (e.get("name").asText().startsWith("QUARKUS_DATASOURCE_")) {
                dbSecrets.add(ref.asText());
            }
        });
        assertEquals(Set.of(cluster + "-app"), dbSecrets, "credentials from the operator's app Secret");
        assertEquals(cluster, one("NetworkPolicy").at("/spec/egress/0/to/0/podSelector/matchLabels/cnpg.io~1cluster").asText());
    }

    @Test
    void everyEnvironmentVariableIsADocumentedSetting() throws IOException {
        Set<String> documented = documentedVariables();
        Set<String> used = new TreeSet<>();
        one("ConfigMap").get("data").fieldNames().forEachRemaining(used::add);
        container().get("env").forEach(e -> used.add(e.get("name").asText()));
        used.remove("JAVA_OPTS_APPEND");
        for (String name : used) {
            assertTrue(documented.contains(name), name + " is not in the README configuration table");
        }
        for (String required : List.of("QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_JDBC_URL",
                "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD", "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
                "MP_JWT_VERIFY_ISSUER", "SMALLRYE_JWT_SIGN_KEY_LOCATION", "PERISAI_PII_ENCRYPTION_KEY",
                "PERISAI_PII_INDEX_KEY", "PERISAI_OAUTH_SECRET_HASH_KEY")) {
            assertTrue(used.contains(required), required + " is required in prod but not set by the manifests");
        }
    }

    @Test
    void keyFilesAreMountedWhereTheConfigurationPoints() {
        JsonNode config = one("ConfigMap").get("data");
        String mountPath = null;
        for (JsonNode mount : container().get("volumeMounts")) {
            if ("keys".equals(mount.get("name").asText())) {
                mountPath = mount.get("mountPath").asText();
            }
        }
        assertNotNull(mountPath);
        Set<String> files = new TreeSet<>();
        for (JsonNode volume : one("Deployment").at("/spec/template/spec/volumes")) {
            if ("keys".equals(volume.get("name").asText())) {
                volume.at("/secret/items").forEach(i -> files.add(i.get("path").asText()));
            }
        }
        for (String key : List.of("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "SMALLRYE_JWT_SIGN_KEY_LOCATION")) {
            String location = config.get(key).asText();
            assertTrue(location.startsWith(mountPath + "/"), key);
            assertTrue(files.contains(location.substring(mountPath.length() + 1)), key + " file is mounted");
        }
    }

    @Test
    void theUploadSpoolIsAWritableVolumeLargerThanTheSpoolLimit() {
        JsonNode config = one("ConfigMap").get("data");
        String spool = config.get("PERISAI_UPLOAD_SPOOL_DIRECTORY").asText();
        String volume = null;
        for (JsonNode mount : container().get("volumeMounts")) {
            if (spool.equals(mount.get("mountPath").asText())) {
                assertFalse(mount.path("readOnly").asBoolean(false), "the spool is written");
                volume = mount.get("name").asText();
            }
        }
        assertNotNull(volume, "the spool directory is a mounted volume (the root filesystem is read-only)");
        long limit = new io.quarkus.runtime.configuration.MemorySizeConverter()
                .convert(config.get("PERISAI_UPLOAD_SPOOL_MAX_SIZE").asText()).asLongValue();
        for (JsonNode v : one("Deployment").at("/spec/template/spec/volumes")) {
            if (volume.equals(v.get("name").asText())) {
                String size = v.at("/emptyDir/sizeLimit").asText();
                long bytes = new io.quarkus.runtime.configuration.MemorySizeConverter()
                        .convert(size.replace("Gi", "G").replace("Mi", "M")).asLongValue();
                assertTrue(bytes > limit, "the volume holds what the spool may take: " + size);
                return;
            }
        }
        throw new AssertionError("no volume " + volume);
    }

    static Set<String> documentedVariables() throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("^\\| `([A-Z0-9_]+)`", Pattern.MULTILINE).matcher(Files.readString(Path.of("README.md")));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
